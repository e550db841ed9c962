"""Every /manage/ URL x every role: only admins get in; anonymous people are sent to sign in.

Non-admins are refused before the view runs, so their POSTs change nothing (checked on
the round, which an admin's POST would open).
"""
import datetime

import pytest
from django.urls import reverse

from assessments.models import AuthorityLink, FrameworkStatus, Invitation, Landscape, RoundState, TierPeriod
from assessments.services.manage_invitations import InvitationRole, invitation_create
from tests.factories import AssessmentFactory, RoundFactory, framework_with_criteria

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "other_official", "viewer", "editor", "reviewer", "lead_reviewer"]


@pytest.fixture
def objects(authority, people, access_row):
    round_ = RoundFactory(not_yet_open=True)
    assessment = AssessmentFactory(round=round_, authority=authority)
    framework = framework_with_criteria(status=FrameworkStatus.DRAFT)  # unused, so editable
    criterion = framework.steps.get(number=1).criteria.first()
    invitation = invitation_create(
        email="new.person@example.gov.uk", full_name="New Person", role=InvitationRole(central_role="reviewer"),
        invited_by=people["admin"], base_url="http://testserver",
    )
    tier_period = TierPeriod.objects.create(authority=authority, tier="mayoral", starts_on=datetime.date(2025, 1, 1), since="2025")
    link = AuthorityLink.objects.create(predecessor=authority, successor=authority, on=datetime.date(2021, 9, 1), kind="rename")
    return {
        "tier_period": tier_period.pk, "link": link.pk,
        "authority": authority.pk, "round": round_.pk, "assessment": assessment.pk, "framework": framework.pk,
        "criterion": criterion.pk, "invitation": invitation.pk, "person": people["editor"].pk, "access": access_row.pk,
    }


# (URL name, argument names, method, admin's expected status with no form data)
URLS = [
    ("manage-home", [], "get", 200),
    ("manage-audit", [], "get", 200),
    ("manage-audit-csv", [], "get", 200),
    ("manage-authorities", [], "get", 200),
    ("manage-authorities-import", [], "get", 200),
    ("manage-authorities-import-confirm", [], "post", 302),
    ("manage-authority-new", [], "get", 200),
    ("manage-authorities-import-template", ["authorities"], "get", 200),
    ("manage-authority", ["authority"], "get", 200),
    ("manage-authority-edit", ["authority"], "get", 200),
    ("manage-authority-councils", ["authority", Landscape.CURRENT.value], "get", 200),
    ("manage-authority-abolish", ["authority"], "get", 200),
    ("manage-authority-reinstate", ["authority"], "post", 302),
    ("manage-people", [], "get", 200),
    ("manage-invite", [], "get", 200),
    ("manage-person", ["person"], "get", 200),
    ("manage-person-role", ["person"], "post", 302),
    ("manage-person-access", ["person"], "post", 400),
    ("manage-person-access-remove", ["person", "access"], "post", 302),
    ("manage-person-active", ["person"], "post", 302),
    ("manage-person-password-reset", ["person"], "post", 302),
    ("manage-invitations", [], "get", 200),
    ("manage-invitation-resend", ["invitation"], "post", 302),
    ("manage-invitation-revoke", ["invitation"], "post", 302),
    ("manage-rounds", [], "get", 200),
    ("manage-round-new", [], "get", 200),
    ("manage-round", ["round"], "get", 200),
    ("manage-round-open", ["round"], "post", 302),
    ("manage-round-close", ["round"], "post", 400),  # not confirmed: nothing closed
    ("manage-assessment-deadline", ["round", "assessment"], "get", 200),
    ("manage-round-coverage", ["round"], "get", 302),  # the round is not open yet: back to its page
    ("manage-round-add-authority", ["round"], "get", 302),
    ("manage-frameworks", [], "get", 200),
    ("manage-framework-import", [], "get", 200),
    ("manage-framework", ["framework"], "get", 200),
    ("manage-framework-export", ["framework"], "get", 200),
    ("manage-framework-copy", ["framework"], "get", 200),  # asks for a name and a change note
    ("manage-framework-publish", ["framework"], "post", 400),  # not confirmed: nothing published
    ("manage-framework-step", ["framework", 1], "get", 200),
    ("manage-framework-criterion-new", ["framework", 1], "get", 200),
    ("manage-framework-criterion", ["framework", "criterion"], "get", 200),
    ("manage-framework-criterion-remove", ["framework", "criterion"], "post", 400),  # not confirmed
    ("manage-authorities-export", [], "get", 200),
    ("manage-lineage-export", [], "get", 200),
    ("manage-authority-devolution", ["authority"], "get", 200),
    ("manage-authority-tier-add", ["authority"], "get", 200),
    ("manage-authority-tier-remove", ["authority", "tier_period"], "get", 200),  # asks to confirm
    ("manage-authority-link-add", ["authority"], "get", 200),
    ("manage-authority-link-remove", ["authority", "link"], "get", 200),  # asks to confirm
]


def _url(name: str, args: list, objects: dict) -> str:
    return reverse(name, args=[objects.get(arg, arg) if isinstance(arg, str) else arg for arg in args])


def test_every_manage_url_is_in_the_matrix():
    from assessments.urls_manage import urlpatterns

    assert {pattern.name for pattern in urlpatterns} == {name for name, *_ in URLS}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "args", "method", "admin_status"), URLS, ids=[u[0] for u in URLS])
def test_only_admins_may_use_manage_urls(client_for, objects, role, name, args, method, admin_status):
    url = _url(name, args, objects)
    response = getattr(client_for(role), method)(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == 403
    round_state = RoundFactory._meta.model.objects.get(pk=objects["round"]).state
    assert round_state == RoundState.DRAFT
    assert Invitation.objects.get(pk=objects["invitation"]).revoked_at is None


@pytest.mark.parametrize(("name", "args", "method", "admin_status"), URLS, ids=[u[0] for u in URLS])
def test_admins_may_use_every_manage_url(client_for, objects, name, args, method, admin_status):
    response = getattr(client_for("admin"), method)(_url(name, args, objects))
    assert response.status_code == admin_status


def test_manage_pages_of_unknown_objects_are_404(admin_client):
    assert admin_client.get(reverse("manage-authority", args=[999999])).status_code == 404
    assert admin_client.get(reverse("manage-person", args=[999999])).status_code == 404
    assert admin_client.get(reverse("manage-authority-councils", args=[999999, "current"])).status_code == 404


def test_a_deactivated_admin_is_refused(client, people):
    admin = people["admin"]
    admin.is_active = False
    admin.save()
    client.force_login(admin)
    response = client.get(reverse("manage-home"))
    assert response.status_code in (302, 403)


@pytest.mark.parametrize("role", ROLES + ["admin"])
def test_navigation_shows_manage_to_admins_only(client_for, role):
    # Signed out, the same address is the public start page: its navigation is checked too.
    response = client_for(role).get(reverse("start"))
    assert response.status_code == 200
    assert (f'href="{reverse("manage-home")}"' in response.content.decode()) == (role == "admin")


@pytest.mark.parametrize("role", ROLES + ["admin"])
def test_account_pages_are_public(client_for, role):
    assert client_for(role).get(reverse("password-reset")).status_code == 200
    assert client_for(role).get(reverse("accept-invitation", args=["not-a-real-token"])).status_code == 404


COPY_STATUS = {"anonymous": 302, "other_official": 404, "viewer": 403, "editor": 302, "reviewer": 403, "lead_reviewer": 403, "admin": 403}


@pytest.mark.parametrize("role", ROLES + ["admin"])
def test_start_from_previous_is_for_the_authoritys_editors_only(client_for, assessment, role):
    response = client_for(role).post(reverse("assessment-copy-previous", args=[assessment.pk]))
    assert response.status_code == COPY_STATUS[role]
    if role == "editor":
        assert response["Location"] == reverse("assessment-task-list", args=[assessment.pk])
