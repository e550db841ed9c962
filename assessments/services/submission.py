"""Submitting an assessment for central review."""
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from assessments.models import Answer, Assessment, AssessmentState, Criterion, User

from .answers import assessment_lock_for_edit
from .errors import ActionRefused


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
    locked.state = AssessmentState.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.submitted_by = user
    locked.save(update_fields=["state", "submitted_at", "submitted_by", "updated_at"])
    return locked
