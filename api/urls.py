"""/api/: version 1 resources, the OpenAPI schema and its documentation page."""
from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from .views import docs, errors, published, reference, scores, statistics

app_name = "api"

router = SimpleRouter(use_regex_path=False)
router.register("rounds", reference.RoundViewSet, basename="round")
router.register("rounds", scores.RoundScoresViewSet, basename="round-scores")
router.register("authorities", reference.AuthorityViewSet, basename="authority")
router.register("frameworks", reference.FrameworkViewSet, basename="framework")
router.register("assessments", scores.AssessmentViewSet, basename="assessment")
router.register("indicators", statistics.IndicatorViewSet, basename="indicator")
router.register("published-rounds", published.PublishedRoundViewSet, basename="published-round")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(), name="docs"),
    re_path(r"^", errors.not_found, name="not-found"),  # last: anything else under /api/
]
