"""Submitting an assessment for central review."""
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from assessments.models import Answer, Assessment, AssessmentState, Criterion, User

from .answers import assessment_lock_for_edit
from .errors import ActionRefused
from .notifications import notify_submitted
from .state import assessment_move


def unconfirmed_copies(*, assessment: Assessment) -> list[Criterion]:
    """Criteria whose answer was copied from the previous round and not yet confirmed or changed."""
    return list(
        Criterion.objects.filter(answers__assessment=assessment, answers__copied_from_previous=True).order_by(
            "step__number", "position"
        )
    )


def unanswered_criteria(*, assessment: Assessment) -> list[Criterion]:
    """Criteria without a complete answer (answers saved half-finished have no level yet)."""
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
    copied = unconfirmed_copies(assessment=locked)
    if missing or copied:
        raise ActionRefused(
            "You cannot submit until every criterion is answered and every copied answer is confirmed.",
            details=[f"{c.code} {c.title}: not answered" for c in missing]
            + [f"{c.code} {c.title}: copied from the previous round, not confirmed" for c in copied],
        )
    resubmitted = locked.state == AssessmentState.RETURNED
    # The transition table decides (draft or returned -> submitted, editors only) and records the event.
    assessment_move(
        locked=locked, user=user, to_state=AssessmentState.SUBMITTED, submitted_at=timezone.now(), submitted_by=user
    )
    notify_submitted(assessment=locked, by=user, resubmitted=resubmitted)
    return locked
