"""Start a new draft from the authority's last approved answers.

What is copied is ``copy_plan`` (the same rule the task list's promise counts). Copied
answers are marked ``copied_from_previous`` until an editor confirms or changes them
(answers.py clears it); submission is refused while any is unconfirmed.
"""
from django.db import transaction
from django.utils import timezone

from assessments.models import Answer, Assessment, User
from assessments.selectors.previous_round import copy_plan, previous_approved_assessment
from evidence.services import answer_evidence_set

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
    now = timezone.now()
    plan = copy_plan(assessment=locked, previous=previous)
    current = {a.criterion_id: a for a in Answer.objects.filter(assessment=locked)}
    for planned in plan:
        old = planned.previous
        answer = current.get(planned.criterion.pk) or Answer(assessment=locked, criterion=planned.criterion)
        answer.justification = old.justification
        answer.evidence_count = len(planned.evidence_items)
        if planned.complete:
            answer.score, answer.not_applicable = old.score, old.not_applicable
            answer.copied_from_previous = answer.copied_unchanged = True
        else:
            # The old evidence is retired or no longer valid and the level needs some: the editor must add it.
            answer.in_progress, answer.pending_score = True, old.score
        answer.answered_by = user
        answer.answered_at = now
        answer._history_user = user
        answer._change_reason = f"Copied from {previous.round.name}"
        answer.save()
        answer_evidence_set(answer=answer, items=planned.evidence_items)
    copied = len(plan)
    if copied:
        Assessment.objects.filter(pk=locked.pk).update(updated_at=now)
        assessment_score_refresh(assessment=locked)
    return copied
