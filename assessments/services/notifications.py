"""The service's emails: who gets which message, queued in the same transaction as the write.

Each message is a plain-text template in ``templates/email/``; its first line is the
subject. Every recipient gets a message of their own (no one sees the others' addresses).
Messages go to the outbox (``outbox.services.email_queue``) inside the action's
transaction: a refused or rolled back action emails no one, a committed one emails
everyone it should, and a mail server that is down or slow never fails or delays the
person's request (a background worker delivers and retries).
"""
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from assessments.models import (
    Assessment,
    AssessmentState,
    AuthorityAccess,
    AuthorityAccessLevel,
    Round,
    Submission,
    User,
)
from assessments.roles import SUBMISSION_INBOX_ROLES
from outbox.services import email_queue

# Until settings name the public address of the service, links point at local development.
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def service_url(path: str) -> str:
    return getattr(settings, "SERVICE_BASE_URL", DEFAULT_BASE_URL).rstrip("/") + path


def authority_editors(*, authority_id: int) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            authority_access__authority_id=authority_id,
            authority_access__level=AuthorityAccessLevel.EDITOR,
        ).order_by("email")
    )


def reviewers_inbox() -> list[User]:
    """Everyone who picks up unassigned submissions: active reviewers and lead reviewers."""
    return list(User.objects.filter(is_active=True, central_role__in=SUBMISSION_INBOX_ROLES).order_by("email"))


def _render(template: str, context: dict) -> tuple[str, str]:
    text = render_to_string(f"email/{template}.txt", context).strip()
    subject, _, body = text.partition("\n")
    return subject.strip(), body.strip() + "\n"


@transaction.atomic
def send_with_action(*, template: str, recipients: Iterable[User], context: dict) -> int:
    """Queue one message per recipient in the current transaction (one delivery task each). Returns how many."""
    count = 0
    for user in recipients:
        subject, body = _render(template, {**context, "recipient": user})
        email_queue(kind=template, to_address=user.email, subject=subject, body=body)
        count += 1
    return count


def _assessment_context(assessment: Assessment) -> dict:
    return {
        "assessment": assessment,
        "authority": assessment.authority,
        "round": assessment.round,
        "review_url": service_url(reverse("review-assessment", args=[assessment.pk])),
        "task_list_url": service_url(reverse("assessment-task-list", args=[assessment.pk])),
        "results_url": service_url(reverse("assessment-results", args=[assessment.pk])),
    }


def notify_submitted(*, assessment: Assessment, by: User, resubmitted: bool = False) -> int:
    reviewer = assessment.assigned_reviewer
    recipients = [reviewer] if reviewer is not None and reviewer.is_active else reviewers_inbox()
    context = {**_assessment_context(assessment), "by": by, "resubmitted": resubmitted}
    return send_with_action(template="submitted", recipients=recipients, context=context)


def notify_submission_received(*, submission: Submission, review_due, resubmitted: bool = False) -> int:
    """The submitter's confirmation: the reference, who reviews it and by when."""
    assessment = submission.assessment
    context = {
        **_assessment_context(assessment),
        "submission": submission,
        "review_due": review_due,
        "resubmitted": resubmitted,
        "submitted_url": service_url(reverse("assessment-submitted", args=[assessment.pk])),
    }
    return send_with_action(template="submission_received", recipients=[submission.submitted_by], context=context)


def notify_returned(*, assessment: Assessment, by: User, message: str) -> int:
    context = {**_assessment_context(assessment), "by": by, "message": message}
    return send_with_action(
        template="returned", recipients=authority_editors(authority_id=assessment.authority_id), context=context
    )


def notify_approved(*, assessment: Assessment, by: User) -> int:
    context = {**_assessment_context(assessment), "by": by}
    return send_with_action(
        template="approved", recipients=authority_editors(authority_id=assessment.authority_id), context=context
    )


def notify_assigned(*, assessments: list[Assessment], reviewer: User, by: User) -> int:
    rows = [(a, service_url(reverse("review-assessment", args=[a.pk]))) for a in assessments]
    context = {"rows": rows, "by": by, "queue_url": service_url(reverse("review-queue"))}
    return send_with_action(template="assigned", recipients=[reviewer], context=context)


def notify_deadline(*, assessment: Assessment, days_left: int, recipients: list[User]) -> int:
    context = {**_assessment_context(assessment), "days_left": days_left, "deadline": assessment.deadline}
    return send_with_action(template="reminder", recipients=recipients, context=context)


def notify_published(*, round_: Round, by: User) -> int:
    """Tell the editors of every authority whose approved results just went public; one
    message each, naming their authorities in the round."""
    rows = (
        AuthorityAccess.objects.filter(
            level=AuthorityAccessLevel.EDITOR, user__is_active=True,
            authority__assessments__round=round_, authority__assessments__state=AssessmentState.APPROVED,
        )
        .select_related("user", "authority")
        .order_by("user__email", "authority__name")
    )
    authorities: dict[User, list] = {}
    for access in rows:
        authorities.setdefault(access.user, []).append(access.authority)
    public_url = service_url(reverse("public-round", args=[round_.pk]))
    sent = 0
    for user, theirs in authorities.items():
        context = {"round": round_, "by": by, "authorities": theirs, "public_url": public_url}
        sent += send_with_action(template="published", recipients=[user], context=context)
    return sent
