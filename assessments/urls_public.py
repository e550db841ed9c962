from django.urls import path

from assessments.views import dashboards_exports, dashboards_public

urlpatterns = [
    path("", dashboards_public.published_rounds, name="public-rounds"),
    path("<int:pk>/", dashboards_public.published_round_page, name="public-round"),
    path("<int:pk>/results.csv", dashboards_exports.public_csv_download, name="public-round-csv"),
]
