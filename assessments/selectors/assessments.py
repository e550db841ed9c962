"""Reads for the official's pages: answers, results and the start page."""
from dataclasses import dataclass

from django.db.models import Count, Q

from assessments import scoring
from assessments.access import assessments_visible_to
from assessments.models import Answer, Assessment, RoundState, Step, User

from .framework import framework_steps


def assessment_answers(*, assessment: Assessment) -> dict[int, Answer]:
    """criterion id -> the authority's answer, for every criterion that has a row."""
    return {a.criterion_id: a for a in Answer.objects.filter(assessment=assessment).select_related("answered_by")}


def scoring_inputs(
    *, steps: list[Step], answers: dict[int, Answer]
) -> tuple[list[scoring.StepInput], list[scoring.CriterionInput]]:
    step_inputs = [scoring.StepInput(number=s.number, weight=s.weight) for s in steps]
    criterion_inputs = []
    for step in steps:
        for criterion in step.criteria.all():
            answer = answers.get(criterion.pk)
            own = (
                scoring.AnswerValue(score=answer.score, not_applicable=answer.not_applicable)
                if answer
                else scoring.UNANSWERED
            )
            criterion_inputs.append(scoring.CriterionInput(step_number=step.number, weight=criterion.weight, own=own))
    return step_inputs, criterion_inputs


@dataclass(frozen=True)
class AssessmentView:
    """Everything the official's pages show about one assessment, in a constant number of queries."""

    assessment: Assessment
    steps: list[Step]
    answers: dict[int, Answer]
    result: scoring.AssessmentResult

    def step(self, number: int) -> Step | None:
        return next((s for s in self.steps if s.number == number), None)


def assessment_view(*, assessment: Assessment) -> AssessmentView:
    steps = framework_steps(framework=assessment.round.framework)
    answers = assessment_answers(assessment=assessment)
    step_inputs, criterion_inputs = scoring_inputs(steps=steps, answers=answers)
    result = scoring.score_assessment(steps=step_inputs, criteria=criterion_inputs)
    return AssessmentView(assessment=assessment, steps=steps, answers=answers, result=result)


def open_assessments_for(*, user: User):
    """Assessments of open rounds the user can see, with answered counts, for the start page."""
    answered = Count("answers", filter=Q(answers__score__isnull=False) | Q(answers__not_applicable=True))
    return (
        assessments_visible_to(user=user)
        .filter(round__state=RoundState.OPEN)
        .annotate(answered_count=answered)
        .select_related("round__framework")
        .order_by("round__closes_on", "authority__name")
    )
