"""Rounds: create, open (idempotently), close, extend one deadline, reopen with a reason."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.access import edit_refusal_reason
from assessments.models import (
    Assessment,
    AuthorityKind,
    FrameworkStatus,
    Round,
    RoundState,
)
from assessments.services.errors import ActionRefused
from assessments.services.manage_rounds import (
    assessment_set_deadline,
    close_plan,
    round_close,
    round_open,
)
from tests.factories import (
    AdminFactory,
    AssessmentFactory,
    AuthorityFactory,
    RoundFactory,
    framework_with_criteria,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def date_fields(name: str, day: datetime.date) -> dict:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def test_create_round_on_a_published_version(admin_client):
    framework = framework_with_criteria()
    data = {
        "name": "2027-28 readiness", "framework": framework.pk, "landscape": "current", "covers_kinds": ["mca", "cca"],
        **date_fields("opens_on", TODAY), **date_fields("closes_on", TODAY + datetime.timedelta(days=60)),
    }
    response = admin_client.post(reverse("manage-round-new"), data)
    round_ = Round.objects.get(name="2027-28 readiness")
    assert response.status_code == 302 and response["Location"] == reverse("manage-round", args=[round_.pk])
    assert round_.state == RoundState.DRAFT and round_.covers_kinds == ["cca", "mca"]
    assert round_.history.first().history_user.central_role == "admin"


def test_create_round_errors(admin_client):
    draft = framework_with_criteria(status=FrameworkStatus.DRAFT)
    data = {"name": "", "framework": draft.pk, **date_fields("opens_on", TODAY), **date_fields("closes_on", TODAY - datetime.timedelta(days=1))}
    response = admin_client.post(reverse("manage-round-new"), data)
    page = response.content.decode()
    assert response.status_code == 400
    for message in ["Enter a name for the round", "Select a published framework version",
                    "Select at least one kind of authority", "The closing date must be the same as or after the opening date"]:
        assert message in page
    assert not Round.objects.exists()


def test_opening_creates_one_assessment_per_active_authority_of_the_kinds_covered():
    admin = AdminFactory()
    mca = AuthorityFactory(kind=AuthorityKind.MCA)
    cca = AuthorityFactory(kind=AuthorityKind.CCA, has_mayor=False)
    AuthorityFactory(kind=AuthorityKind.LEP, has_mayor=False)
    AuthorityFactory(kind=AuthorityKind.MCA, abolished=datetime.date(2024, 5, 7))
    round_ = RoundFactory(not_yet_open=True, covers_kinds=["mca", "cca"])

    assert round_open(round_=round_, user=admin) == 2
    assert set(round_.assessments.values_list("authority_id", flat=True)) == {mca.pk, cca.pk}
    assert Round.objects.get(pk=round_.pk).state == RoundState.OPEN


def test_opening_twice_creates_no_duplicates(admin_client, authority):
    round_ = RoundFactory(not_yet_open=True, covers_kinds=["mca"])
    url = reverse("manage-round-open", args=[round_.pk])
    admin_client.post(url)
    first = Assessment.objects.filter(round=round_).count()
    response = admin_client.post(url, follow=True)
    assert Assessment.objects.filter(round=round_).count() == first >= 1
    assert "0 new assessments were created" in response.content.decode()


def test_opening_an_open_round_adds_only_new_authorities(admin, authority):
    round_ = RoundFactory(covers_kinds=["mca"])
    AssessmentFactory(round=round_, authority=authority)
    newcomer = AuthorityFactory()
    assert round_open(round_=round_, user=admin) >= 1
    assert round_.assessments.filter(authority=authority).count() == 1
    assert round_.assessments.filter(authority=newcomer).count() == 1


def test_a_closed_round_cannot_be_opened_again(admin):
    round_ = RoundFactory(closed=True, covers_kinds=["mca"])
    with pytest.raises(ActionRefused, match="closed"):
        round_open(round_=round_, user=admin)


def test_a_stale_close_confirmation_closes_nothing(admin, assessment):
    round_ = assessment.round
    _, plan = close_plan(round_=round_)
    AssessmentFactory(round=round_)  # another draft appears after the admin looked
    with pytest.raises(ActionRefused, match="changed since you checked"):
        round_close(round_=round_, user=admin, confirmed_plan=plan)
    round_.refresh_from_db()
    assert round_.state == RoundState.OPEN


def test_closing_makes_drafts_late_and_read_only(admin_client, assessment, people):
    round_ = assessment.round
    assert edit_refusal_reason(user=people["editor"], assessment=assessment) is None
    url = reverse("manage-round-close", args=[round_.pk])
    page = admin_client.get(url)
    assert "1 assessment not submitted will become late" in page.content.decode()
    assert admin_client.post(url, {"plan": "forged"}).status_code == 400  # a forged confirmation closes nothing
    assessment.round.refresh_from_db()
    assert assessment.round.state == RoundState.OPEN
    admin_client.post(url, {"plan": page.context["plan"]})
    assessment.refresh_from_db()
    assert assessment.round.state == RoundState.CLOSED
    assert "closed" in edit_refusal_reason(user=people["editor"], assessment=assessment)
    page = admin_client.get(reverse("manage-round", args=[round_.pk])).content.decode()
    assert "Late" in page and "Reopen" in page


def test_extend_one_authoritys_deadline(admin_client, assessment, other_authority):
    other = AssessmentFactory(round=assessment.round, authority=other_authority)
    new_deadline = assessment.round.closes_on + datetime.timedelta(days=14)
    url = reverse("manage-assessment-deadline", args=[assessment.round.pk, assessment.pk])
    response = admin_client.post(url, date_fields("deadline", new_deadline))
    assert response.status_code == 302
    assessment.refresh_from_db()
    other.refresh_from_db()
    assert assessment.deadline == new_deadline
    assert other.deadline_override is None
    assert assessment.history.first().history_change_reason.startswith("Deadline extended")


def test_reopening_after_close_needs_a_reason_and_records_it(admin_client, assessment, people):
    round_close(round_=assessment.round, user=people["admin"], confirmed_plan=close_plan(round_=assessment.round)[1])
    url = reverse("manage-assessment-deadline", args=[assessment.round.pk, assessment.pk])
    new_deadline = TODAY + datetime.timedelta(days=7)
    response = admin_client.post(url, date_fields("deadline", new_deadline))
    assert response.status_code == 400
    assert "Enter the reason for reopening the assessment" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.deadline_override is None

    admin_client.post(url, {**date_fields("deadline", new_deadline), "reason": "Flooding closed the council offices"})
    assessment.refresh_from_db()
    assert assessment.deadline_override == new_deadline
    assert edit_refusal_reason(user=people["editor"], assessment=assessment) is None
    record = assessment.history.first()
    assert "Flooding closed the council offices" in record.history_change_reason
    assert record.history_user == people["admin"]


def test_deadline_in_the_past_is_refused(admin, assessment):
    with pytest.raises(ActionRefused, match="today or later"):
        assessment_set_deadline(assessment=assessment, deadline=TODAY - datetime.timedelta(days=1), reason="", user=admin)


def test_round_page_query_count_does_not_grow_with_authorities(admin_client, django_assert_max_num_queries):
    round_ = RoundFactory(covers_kinds=["mca"])
    for _ in range(60):
        AssessmentFactory(round=round_)
    with django_assert_max_num_queries(15):
        response = admin_client.get(reverse("manage-round", args=[round_.pk]))
    assert response.status_code == 200
    assert "Page 1 of 2" in response.content.decode()
