"""The official's progress, step by step: what the task list, check answers and submission say is left.

One definition of where each criterion stands (``CriterionStanding``) feeds the task list
statuses, the "needs completing" list on check answers and the submission refusal, so the
three can never disagree.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from assessments.models import Answer, AssessmentState, Criterion, Step

from .assessments import AssessmentView
from .review import ReviewNotes


class CriterionStanding(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"  # saved half-finished with "Save and come back later"
    COPIED = "copied"  # copied from the previous round, not yet confirmed or changed
    ANSWERED = "answered"

    @property
    def to_do(self) -> str:
        """What the official still has to do, for check answers and the submission refusal."""
        return {
            "not_started": "answer it",
            "in_progress": "finish the answer (it was saved before it was complete)",
            "copied": "confirm or change the answer copied from the previous round",
            "answered": "",
        }[self.value]


def criterion_standing(answer: Answer | None) -> CriterionStanding:
    if answer is None or not (answer.is_answered or answer.in_progress):
        return CriterionStanding.NOT_STARTED
    if answer.in_progress:
        return CriterionStanding.IN_PROGRESS
    if answer.copied_from_previous:
        return CriterionStanding.COPIED
    return CriterionStanding.ANSWERED


class StepStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    TO_CONFIRM = "to_confirm"
    CHANGES_REQUESTED = "changes_requested"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        return {
            "not_started": "Not started",
            "in_progress": "In progress",
            "to_confirm": "Copied answers to confirm",
            "changes_requested": "Changes requested",
            "completed": "Completed",
        }[self.value]

    @property
    def tag_class(self) -> str:
        return {
            "not_started": "govuk-tag--grey",
            "in_progress": "govuk-tag--light-blue",
            "to_confirm": "govuk-tag--yellow",
            "changes_requested": "govuk-tag--orange",
            "completed": "",
        }[self.value]


@dataclass(frozen=True)
class StepProgress:
    step: Step
    total: int
    answered: int
    in_progress: int
    copied: int
    reviewer_notes: int  # notes and moderations on the step's criteria not yet acted on since the return
    status: StepStatus


@dataclass(frozen=True)
class ToDo:
    """One criterion that stops submission, with where to fix it."""

    criterion: Criterion
    step_number: int
    standing: CriterionStanding

    @property
    def message(self) -> str:
        return f"{self.criterion.code} {self.criterion.title}: {self.standing.to_do}"


def _step_status(*, answered: int, total: int, in_progress: int, copied: int, notes: int) -> StepStatus:
    if notes:
        return StepStatus.CHANGES_REQUESTED
    if in_progress or 0 < answered < total:
        return StepStatus.IN_PROGRESS
    if answered == 0:
        return StepStatus.NOT_STARTED
    if copied:
        return StepStatus.TO_CONFIRM
    return StepStatus.COMPLETED


def _notes_still_open(*, view: AssessmentView, notes: ReviewNotes | None, criterion: Criterion) -> int:
    """Reviewer notes and moderations on a returned criterion the official has not acted on since the return."""
    if notes is None or view.assessment.state != AssessmentState.RETURNED or notes.decision is None:
        return 0
    count = len(notes.for_criterion(criterion.pk)) + (1 if criterion.pk in view.moderations else 0)
    if not count:
        return 0
    returned_at = notes.decision.created_at
    answer = view.answers.get(criterion.pk)
    if answer is not None and answer.answered_at and answer.answered_at > returned_at:
        return 0  # saved since the return
    if notes.replied_since(criterion_id=criterion.pk, since=returned_at):
        return 0  # the official answered the note instead
    return count


def steps_progress(*, view: AssessmentView, notes: ReviewNotes | None = None) -> list[StepProgress]:
    """Each step's counts and status, from what ``assessment_view`` already loaded (no queries)."""
    rows = []
    for step in view.steps:
        criteria = list(step.criteria.all())
        standings = [criterion_standing(view.answers.get(c.pk)) for c in criteria]
        answered = sum(1 for s in standings if s in (CriterionStanding.ANSWERED, CriterionStanding.COPIED))
        in_progress = standings.count(CriterionStanding.IN_PROGRESS)
        copied = standings.count(CriterionStanding.COPIED)
        open_notes = sum(_notes_still_open(view=view, notes=notes, criterion=c) for c in criteria)
        rows.append(
            StepProgress(
                step=step,
                total=len(criteria),
                answered=answered,
                in_progress=in_progress,
                copied=copied,
                reviewer_notes=open_notes,
                status=_step_status(
                    answered=answered, total=len(criteria), in_progress=in_progress, copied=copied, notes=open_notes
                ),
            )
        )
    return rows


def submission_to_do(*, view: AssessmentView) -> list[ToDo]:
    """Every criterion that stops the assessment being submitted, in framework order."""
    to_do = []
    for step in view.steps:
        for criterion in step.criteria.all():
            standing = criterion_standing(view.answers.get(criterion.pk))
            if standing != CriterionStanding.ANSWERED:
                to_do.append(ToDo(criterion=criterion, step_number=step.number, standing=standing))
    return to_do
