"""Every dashboard, export, publishing and public URL x every role.

Anonymous users sign in first (except on the public pages); officials see their own
authority's profile and national medians, never another authority's scores; only central
staff see national per-authority pages and exports; only admins publish.
"""
import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import AssessmentState
from assessments.services.publishing import publish_preview
from tests.builders import set_state
from tests.factories import AssessmentFactory, answer_every_criterion

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "other_official", "viewer", "editor", "reviewer", "lead_reviewer", "admin"]
CENTRAL = {"reviewer": 200, "lead_reviewer": 200, "admin": 200}
SIGNED_IN = {"anonymous": 302, "other_official": 200, "viewer": 200, "editor": 200, **CENTRAL}
CENTRAL_ONLY = {"anonymous": 302, "other_official": 403, "viewer": 403, "editor": 403, **CENTRAL}
OWN_AUTHORITY = {"anonymous": 302, "other_official": 404, "viewer": 200, "editor": 200, **CENTRAL}
ADMIN_POST = {"anonymous": 302, "other_official": 403, "viewer": 403, "editor": 403, "reviewer": 403,
              "lead_reviewer": 403, "admin": 302}
PUBLIC = {role: 200 for role in ROLES}


@pytest.fixture
def scored(assessment, other_authority, people):
    """Greater Manchester (own) at level 1 and West Midlands (other) at level 3, both approved."""
    other = AssessmentFactory(round=assessment.round, authority=other_authority)
    answer_every_criterion(assessment, 1)
    answer_every_criterion(other, 3)
    set_state(assessment, AssessmentState.APPROVED)
    set_state(other, AssessmentState.APPROVED)
    return assessment


def urls(assessment) -> dict[str, tuple[str, dict]]:
    round_pk = assessment.round_id
    return {
        "overview": (reverse("dashboard-overview"), SIGNED_IN),
        "round overview": (reverse("dashboard-round", args=[round_pk]), SIGNED_IN),
        "step": (reverse("dashboard-step", args=[round_pk, 1]), CENTRAL_ONLY),
        "compare": (reverse("dashboard-compare"), CENTRAL_ONLY),
        "criteria csv": (reverse("dashboard-export-csv", args=[round_pk]), CENTRAL_ONLY),
        "steps csv": (reverse("dashboard-export-steps-csv", args=[round_pk]), CENTRAL_ONLY),
        "xlsx": (reverse("dashboard-export-xlsx", args=[round_pk]), CENTRAL_ONLY),
        "profile": (reverse("dashboard-authority", args=[assessment.authority_id]), OWN_AUTHORITY),
        "print": (reverse("dashboard-print", args=[assessment.pk]), OWN_AUTHORITY),
        "public list": (reverse("public-rounds"), PUBLIC),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page_name", [
    "overview", "round overview", "step", "compare", "criteria csv", "steps csv", "xlsx", "profile", "print",
    "public list",
])
def test_read_urls(client_for, scored, role, page_name):
    url, expected = urls(scored)[page_name]
    response = client_for(role).get(url)
    assert response.status_code == expected[role]
    if role == "anonymous" and expected[role] == 302:
        assert response["Location"].startswith(reverse("login"))
    if response.status_code == 200 and role in {"viewer", "editor", "other_official"} and page_name != "public list":
        body = b"".join(response.streaming_content) if response.streaming else response.content
        # An official never sees another authority named (let alone scored) outside published results.
        hidden = "Greater Manchester" if role == "other_official" else "West Midlands"
        assert hidden not in body.decode()


@pytest.mark.parametrize("role", ROLES)
def test_publish_and_unpublish(client_for, scored, people, role):
    round_ = scored.round
    confirmed = {"confirm": "on", "plan": publish_preview(round_=round_).plan}
    response = client_for(role).post(reverse("dashboard-publish", args=[round_.pk]), confirmed)
    assert response.status_code == ADMIN_POST[role]
    round_.refresh_from_db()
    assert (round_.published_at is not None) == (role == "admin")
    if role == "admin":
        assert round_.published_by == people["admin"]
    round_.published_at, round_.published_by = timezone.now(), people["admin"]
    round_.save()
    confirmed = {"confirm": "on", "plan": publish_preview(round_=round_).plan}
    response = client_for(role).post(reverse("dashboard-unpublish", args=[round_.pk]), confirmed)
    assert response.status_code == ADMIN_POST[role]
    round_.refresh_from_db()
    assert (round_.published_at is None) == (role == "admin")


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_see_the_publish_confirmation_and_preview(client_for, scored, role):
    for name in ["dashboard-publish", "dashboard-unpublish", "dashboard-publish-preview"]:
        response = client_for(role).get(reverse(name, args=[scored.round_id]))
        assert response.status_code == {"anonymous": 302, "admin": 200}.get(role, 403)
    scored.round.refresh_from_db()
    assert scored.round.published_at is None


@pytest.mark.parametrize("role", ROLES)
def test_public_round_page_only_when_published(client_for, scored, people, role):
    url = reverse("public-round", args=[scored.round_id])
    client = client_for(role)
    assert client.get(url).status_code == 404
    scored.round.published_at, scored.round.published_by = timezone.now(), people["admin"]
    scored.round.save()
    response = client.get(url)
    assert response.status_code == 200
    assert "West Midlands" in response.content.decode()  # published: everyone sees every approved authority


@pytest.mark.parametrize("role", ROLES)
def test_other_authoritys_profile_and_print_are_404_for_officials(client_for, scored, other_authority, role):
    other = other_authority.assessments.get()
    expected = {"anonymous": 302, "other_official": 200, "viewer": 404, "editor": 404, **CENTRAL}
    assert client_for(role).get(reverse("dashboard-authority", args=[other_authority.pk])).status_code == expected[role]
    assert client_for(role).get(reverse("dashboard-print", args=[other.pk])).status_code == expected[role]


def test_officials_never_see_a_figure_resting_on_fewer_than_five_others(client_for, scored):
    # Own (25) and one other authority (75), unpublished: a median of the two would give the
    # other's score away, so officials see the count and "not enough authorities yet".
    page = client_for("viewer").get(reverse("dashboard-overview")).content.decode()
    assert "National medians" in page
    assert "Not enough authorities yet" in page and "50.00" not in page and "75.00" not in page
    assert reverse("dashboard-authority", args=[scored.authority_id]) in page
    profile = client_for("viewer").get(reverse("dashboard-authority", args=[scored.authority_id])).content.decode()
    assert "Not enough authorities yet" in profile and "75.00" not in profile


def test_officials_see_medians_once_five_other_authorities_submitted(client_for, scored):
    for _ in range(4):  # with West Midlands: five other authorities
        other = AssessmentFactory(round=scored.round)
        answer_every_criterion(other, 3)
        set_state(other, AssessmentState.SUBMITTED)
    page = client_for("viewer").get(reverse("dashboard-overview")).content.decode()
    # Own 25 and five others at 75: median 75.00, lower quartile 75.00 (position 1.25), upper 75.00.
    assert "Not enough authorities yet" not in page and "75.00" in page
    assert "National median of 6 authorities, with quartiles, by step" in page


def test_central_staff_keep_full_figures_of_small_groups_of_five(client_for, scored):
    for _ in range(3):  # five in all: own, West Midlands and three more
        other = AssessmentFactory(round=scored.round)
        answer_every_criterion(other, 3)
        set_state(other, AssessmentState.SUBMITTED)
    reviewer = client_for("reviewer").get(reverse("dashboard-overview")).content.decode()
    assert "Not enough authorities yet" not in reviewer and "75.00" in reviewer
    official = client_for("viewer").get(reverse("dashboard-overview")).content.decode()
    assert "Not enough authorities yet" in official  # four others: withheld from the official
