"""Submitting an assessment for central review."""
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from assessments.models import Answer, Assessment, AssessmentState, Criterion, User

from .answers import assessment_lock_for_edit
from .errors import ActionRefused
from .notifications import notify_submitted
from .state import assessment_move


def unanswered_criteria(*, assessment: Assessment) -> list[Criterion]:
    answered = Answer.objects.filter(assessment=assessment).filter(
        Q(score__isnull=False) | Q(not_applicable=True)
    )
    return list(
        Criterion.objects.filter(step__framework_id=assessment.round.framework_id)
        .exclude(pk__in=answered.values("criterion_id"))
        .order_by("step__number", "position")
    )


@transaction.atomic
def assessment_submit(*, assessment: Assessment, user: User) -> Assessment:
    """Send a complete assessment for review; it becomes read-only to the authority."""
    locked = assessment_lock_for_edit(assessment=assessment, user=user)
    missing = unanswered_criteria(assessment=locked)
    if missing:
        raise ActionRefused(
            "You cannot submit until every criterion is answered.",
            details=[f"{c.code} {c.title}" for c in missing],
        )
    resubmitted = locked.state == AssessmentState.RETURNED
    # The transition table decides (draft or returned -> submitted, editors only) and records the event.
    assessment_move(
        locked=locked, user=user, to_state=AssessmentState.SUBMITTED, submitted_at=timezone.now(), submitted_by=user
    )
    notify_submitted(assessment=locked, by=user, resubmitted=resubmitted)
    return locked
