"""Query counts per dashboard page do not grow with the number of authorities (10 vs 50)."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import AssessmentState, AuthorityKind
from tests.builders import moderate, populate
from tests.factories import AdminFactory, RoundFactory, UserFactory

pytestmark = pytest.mark.django_db


def build(count: int) -> dict:
    """Two rounds on one framework with ``count`` authorities in each, some moderated, one published."""
    admin = AdminFactory()
    earlier = RoundFactory(closed=True)
    later = RoundFactory(framework=earlier.framework)
    first = populate(earlier, count, state=AssessmentState.APPROVED, level=1)
    authorities = [a.authority for a in first]
    second = populate(later, count, state=AssessmentState.APPROVED, level=3, authorities=authorities)
    populate(later, 3, state=AssessmentState.DRAFT, kind=AuthorityKind.LEP, region="London")
    for assessment in second[::3]:
        moderate(assessment, "1.1", 2, reviewer=admin)
    earlier.published_at, earlier.published_by = timezone.now(), admin
    earlier.save()
    official = UserFactory(viewer_of=authorities[0])
    own = second[0]
    return {
        "admin": admin,
        "official": official,
        "pages": {
            "overview": (admin, reverse("dashboard-round", args=[later.pk]) + "?sort=step3&order=desc&page=1"),
            "official overview": (official, reverse("dashboard-round", args=[later.pk])),
            "step": (admin, reverse("dashboard-step", args=[later.pk, 1])),
            "profile": (admin, reverse("dashboard-authority", args=[own.authority_id]) + f"?round={later.pk}"),
            "official profile": (official, reverse("dashboard-authority", args=[own.authority_id])),
            "compare": (admin, reverse("dashboard-compare") + f"?before={earlier.pk}&after={later.pk}"),
            "print": (admin, reverse("dashboard-print", args=[own.pk])),
            "criteria csv": (admin, reverse("dashboard-export-csv", args=[later.pk])),
            "steps csv": (admin, reverse("dashboard-export-steps-csv", args=[later.pk])),
            "xlsx": (admin, reverse("dashboard-export-xlsx", args=[later.pk])),
            "public round": (None, reverse("public-round", args=[earlier.pk])),
            "public csv": (None, reverse("public-round-csv", args=[earlier.pk])),
            "filtered xlsx": (admin, reverse("dashboard-export-xlsx", args=[later.pk]) + "?kind=lep&scope=all"),
        },
    }


def count_queries(client, user, url) -> int:
    client.logout()
    if user is not None:
        client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries)


PAGES = ["overview", "official overview", "step", "profile", "official profile", "compare", "print",
         "criteria csv", "steps csv", "xlsx", "public round", "public csv", "filtered xlsx"]


@pytest.mark.parametrize("page_name", PAGES)
def test_query_count_is_the_same_at_10_and_50_authorities(client, page_name):
    small = build(10)
    user, url = small["pages"][page_name]
    at_10 = count_queries(client, user, url)
    large = build(50)
    user, url = large["pages"][page_name]
    at_50 = count_queries(client, user, url)
    assert at_10 == at_50, f"{page_name}: {at_10} queries at 10 authorities, {at_50} at 50"
    # A profile also reads its official statistics: at most 5 more queries (official_statistics.selectors.profile).
    # Central staff's requests also load their second-factor device (django-otp: 2 queries), so
    # an admin's reset takes effect at once. The XLSX's official statistics sheet reads at most
    # 4 more (official_statistics.exports).
    budget = 25 if "profile" in page_name else 26 if "xlsx" in page_name else 22
    assert at_50 <= budget, f"{page_name}: {at_50} queries"
