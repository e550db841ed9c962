"""Start a new draft from the authority's last approved answers.

Answers are matched by criterion code, only fill criteria not yet answered, and are
marked ``copied_from_previous`` until an editor saves them again (answers.py clears it).
"""
from django.db import transaction
from django.utils import timezone

from assessments.models import Answer, Assessment, Criterion, User
from assessments.selectors.manage_previous import previous_approved_assessment

from .answers import assessment_lock_for_edit
from .errors import ActionRefused
from .scores import assessment_score_refresh


@transaction.atomic
def assessment_copy_previous(*, assessment: Assessment, user: User) -> int:
    """Copy the previous approved answers into unanswered criteria; returns how many were copied."""
    locked = assessment_lock_for_edit(assessment=assessment, user=user)
    previous = previous_approved_assessment(assessment=locked)
    if previous is None:
        raise ActionRefused("Your authority has no approved assessment from an earlier round to start from.")
    criteria = {
        c.code: c for c in Criterion.objects.filter(step__framework_id=locked.round.framework_id)
    }
    current = {a.criterion_id: a for a in Answer.objects.filter(assessment=locked)}
    now = timezone.now()
    copied = 0
    for old in Answer.objects.filter(assessment=previous).select_related("criterion"):
        criterion = criteria.get(old.criterion.code)
        if criterion is None or not old.is_answered:
            continue
        if old.not_applicable and not criterion.allows_not_applicable:
            continue  # the new version no longer allows N/A here: the editor must choose a level
        answer = current.get(criterion.pk)
        if answer is not None and answer.is_answered:
            continue  # never overwrite what the editor has already answered
        answer = answer or Answer(assessment=locked, criterion=criterion)
        answer.score = old.score
        answer.not_applicable = old.not_applicable
        answer.justification = old.justification
        answer.evidence_url = old.evidence_url
        answer.answered_by = user
        answer.answered_at = now
        answer.copied_from_previous = True
        answer._change_reason = f"Copied from {previous.round.name}"
        answer.save()
        copied += 1
    if copied:
        Assessment.objects.filter(pk=locked.pk).update(updated_at=now)
        assessment_score_refresh(assessment=locked)
    return copied
