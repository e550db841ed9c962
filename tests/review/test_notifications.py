"""Emails: the right people get the right message, once; nothing is sent if the write fails."""
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from assessments.models import AssessmentState, ReminderSent
from assessments.services.assignment import assessments_assign
from assessments.services.errors import ActionRefused
from assessments.services.review import assessment_approve, assessment_return
from assessments.services.submission import assessment_submit
from tests.factories import AssessmentFactory, ReviewerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run a service and return the emails it sent once its transaction committed."""
    def _sent(action, **kwargs):
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            action(**kwargs)
        return mail.outbox[before:]

    return _sent


def test_submit_goes_to_the_assigned_reviewer_only(sent, complete, people):
    complete.assigned_reviewer = people["reviewer"]
    complete.save()
    messages = sent(assessment_submit, assessment=complete, user=people["editor"])
    to_reviewers = [m for m in messages if m.to != [people["editor"].email]]
    assert [m.to for m in to_reviewers] == [[people["reviewer"].email]]
    assert "It is assigned to you." in to_reviewers[0].body
    assert "Greater Manchester Combined Authority" in to_reviewers[0].subject


def test_unassigned_submit_goes_to_the_reviewers_inbox_not_admins_or_inactive(sent, complete, people):
    ReviewerFactory(is_active=False)
    messages = sent(assessment_submit, assessment=complete, user=people["editor"])
    to_reviewers = [m.to[0] for m in messages if m.to != [people["editor"].email]]
    assert sorted(to_reviewers) == sorted([people["reviewer"].email, people["lead_reviewer"].email])


def test_the_submitter_gets_a_confirmation_with_the_reference_reviewer_and_date(sent, complete, people):
    complete.assigned_reviewer = people["reviewer"]
    complete.save()
    messages = sent(assessment_submit, assessment=complete, user=people["editor"])
    mine = [m for m in messages if m.to == [people["editor"].email]]
    assert len(mine) == 1
    reference = f"LU-{complete.pk:05d}-1"
    assert reference in mine[0].subject and reference in mine[0].body
    assert f"{people['reviewer']}, a central reviewer, will review it" in mine[0].body
    assert "We aim to do this by" in mine[0].body


def test_return_and_approval_go_to_the_authoritys_active_editors(sent, submitted, people, authority):
    second_editor = UserFactory(editor_of=authority)
    UserFactory(editor_of=authority, is_active=False)
    messages = sent(assessment_return, assessment=submitted, user=people["reviewer"], message="Add evidence for 2.1.")
    assert sorted(m.to[0] for m in messages) == sorted([people["editor"].email, second_editor.email])
    assert all("Add evidence for 2.1." in m.body for m in messages)
    assert people["viewer"].email not in [m.to[0] for m in messages]
    submitted.refresh_from_db()
    submitted.state = AssessmentState.SUBMITTED
    submitted.save()
    approved = sent(assessment_approve, assessment=submitted, user=people["reviewer"])
    assert len(approved) == 2 and all("has been approved" in m.subject for m in approved)


def test_a_refused_action_sends_nothing(sent, complete, people):
    with pytest.raises(ActionRefused):
        sent(assessment_approve, assessment=complete, user=people["reviewer"])  # a draft
    assert mail.outbox == []


def test_assignment_emails_the_assignee_once_with_every_assessment(sent, submitted, people, other_authority):
    other = AssessmentFactory(round=submitted.round, authority=other_authority)
    messages = sent(
        assessments_assign, assessment_ids=[submitted.pk, other.pk], reviewer=people["reviewer"], user=people["lead_reviewer"]
    )
    assert len(messages) == 1 and messages[0].to == [people["reviewer"].email]
    assert "2 assessments assigned to you" in messages[0].subject
    assert "Greater Manchester" in messages[0].body and "West Midlands" in messages[0].body
    again = sent(
        assessments_assign, assessment_ids=[submitted.pk], reviewer=people["reviewer"], user=people["lead_reviewer"]
    )
    assert again == []


def test_reviewers_cannot_assign(submitted, people):
    with pytest.raises(ActionRefused):
        assessments_assign(assessment_ids=[submitted.pk], reviewer=people["reviewer"], user=people["reviewer"])


def remind(today, capture):
    out = StringIO()
    with capture(execute=True):
        call_command("send_deadline_reminders", "--today", today.isoformat(), stdout=out)
    return out.getvalue()


def test_reminders_7_and_1_day_before_once_each(assessment, people, django_capture_on_commit_callbacks):
    deadline = assessment.deadline
    remind(deadline - timedelta(days=8), django_capture_on_commit_callbacks)
    assert mail.outbox == []

    remind(deadline - timedelta(days=7), django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[people["editor"].email]]
    assert "due in 7 days" in mail.outbox[0].subject
    remind(deadline - timedelta(days=7), django_capture_on_commit_callbacks)  # cron ran twice
    remind(deadline - timedelta(days=3), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1

    remind(deadline - timedelta(days=1), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2 and "due tomorrow" in mail.outbox[1].subject
    remind(deadline - timedelta(days=1), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert ReminderSent.objects.filter(assessment=assessment).count() == 2


def test_no_reminders_once_submitted_or_for_closed_rounds(submitted, people, django_capture_on_commit_callbacks):
    closed = AssessmentFactory(round__closed=True, authority=people["other_official"].authority_access.get().authority)
    remind(submitted.deadline - timedelta(days=7), django_capture_on_commit_callbacks)
    remind(closed.deadline - timedelta(days=1), django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_an_extension_is_a_new_deadline_with_its_own_reminders(assessment, people, django_capture_on_commit_callbacks):
    remind(assessment.deadline - timedelta(days=1), django_capture_on_commit_callbacks)
    assessment.deadline_override = assessment.deadline + timedelta(days=10)
    assessment.save()
    remind(assessment.deadline - timedelta(days=1), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2


def test_bad_date_is_a_clear_error():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="--today must be a date"):
        call_command("send_deadline_reminders", "--today", "tomorrow")
