"""Reads for the official's pages: answers, results and the start page."""
from dataclasses import dataclass

from django.db.models import Count

from assessments import scoring
from assessments.access import assessments_visible_to
from assessments.deadlines import assessment_is_late
from assessments.models import Answer, Assessment, Criterion, Moderation, RoundState, Step, User
from assessments.models.rounds import answered_q
from evidence.selectors import answer_evidence_prefetch

from .framework import criteria_counts, framework_steps


def assessment_answers(*, assessment: Assessment) -> dict[int, Answer]:
    """criterion id -> the authority's answer, for every criterion that has a row."""
    answers = Answer.objects.filter(assessment=assessment).select_related("answered_by")
    return {a.criterion_id: a for a in answers.prefetch_related(answer_evidence_prefetch())}


def assessment_moderations(*, assessment: Assessment) -> dict[int, Moderation]:
    """criterion id -> the reviewer's moderation, where one exists."""
    return {m.criterion_id: m for m in Moderation.objects.filter(assessment=assessment).select_related("moderated_by")}


def criterion_input(*, step: Step, criterion: Criterion, answer: Answer | None, moderation: Moderation | None) -> scoring.CriterionInput:
    """One criterion as the scoring module takes it: the authority's level and the reviewer's, if any."""
    own = scoring.AnswerValue(score=answer.score, not_applicable=answer.not_applicable) if answer else scoring.UNANSWERED
    moderated = scoring.AnswerValue(score=moderation.score, not_applicable=moderation.not_applicable) if moderation else None
    return scoring.CriterionInput(step_number=step.number, weight=criterion.weight, own=own, moderated=moderated)


def scoring_inputs(
    *, steps: list[Step], answers: dict[int, Answer], moderations: dict[int, Moderation] | None = None
) -> tuple[list[scoring.StepInput], list[scoring.CriterionInput]]:
    moderations = moderations or {}
    step_inputs = [scoring.StepInput(number=s.number, weight=s.weight) for s in steps]
    criterion_inputs = [
        criterion_input(step=step, criterion=criterion, answer=answers.get(criterion.pk), moderation=moderations.get(criterion.pk))
        for step in steps
        for criterion in step.criteria.all()
    ]
    return step_inputs, criterion_inputs


@dataclass(frozen=True)
class CriterionRow:
    """One criterion as a page shows it: the authority's answer and the reviewer's moderation, if any."""

    step: Step
    criterion: Criterion
    answer: Answer | None
    moderation: Moderation | None

    @property
    def effective(self) -> scoring.AnswerValue:
        """The level that counts: the scoring module's rule (moderated where moderated)."""
        return criterion_input(step=self.step, criterion=self.criterion, answer=self.answer, moderation=self.moderation).effective


@dataclass(frozen=True)
class AssessmentView:
    """Everything the official's pages show about one assessment, in a constant number of queries."""

    assessment: Assessment
    steps: list[Step]
    answers: dict[int, Answer]
    moderations: dict[int, Moderation]
    # Effective scores (moderated where moderated) and the authority's own, side by side.
    result: scoring.AssessmentResult
    own_result: scoring.AssessmentResult

    def step(self, number: int) -> Step | None:
        return next((s for s in self.steps if s.number == number), None)

    def criterion_rows(self, step: Step) -> list[CriterionRow]:
        """The step's criteria in order, each with its answer and moderation (no queries)."""
        return [
            CriterionRow(step, criterion, self.answers.get(criterion.pk), self.moderations.get(criterion.pk))
            for criterion in step.criteria.all()
        ]

    @property
    def is_late(self) -> bool:
        """Late by the one rule (``assessments.deadlines``); reads the assessment's loaded round."""
        return assessment_is_late(self.assessment)

    @property
    def moderated_rows(self) -> list[CriterionRow]:
        """Every moderated criterion, in framework order."""
        return [row for step in self.steps for row in self.criterion_rows(step) if row.moderation is not None]


def assessment_view(*, assessment: Assessment) -> AssessmentView:
    steps = framework_steps(framework=assessment.round.framework)
    answers = assessment_answers(assessment=assessment)
    moderations = assessment_moderations(assessment=assessment)
    step_inputs, criterion_inputs = scoring_inputs(steps=steps, answers=answers, moderations=moderations)
    result = scoring.score_assessment(steps=step_inputs, criteria=criterion_inputs)
    if moderations:
        _, own_inputs = scoring_inputs(steps=steps, answers=answers)
        own_result = scoring.score_assessment(steps=step_inputs, criteria=own_inputs)
    else:
        own_result = result
    return AssessmentView(
        assessment=assessment,
        steps=steps,
        answers=answers,
        moderations=moderations,
        result=result,
        own_result=own_result,
    )


def open_assessments_for(*, user: User):
    """Assessments of open rounds the user can see, with answered counts, for the start page."""
    answered = Count("answers", filter=answered_q("answers__"))
    return (
        assessments_visible_to(user=user)
        .filter(round__state=RoundState.OPEN)
        .annotate(answered_count=answered)
        .select_related("round__framework")
        .order_by("round__closes_on", "authority__name")
    )


@dataclass(frozen=True)
class StartRow:
    """An assessment on the signed-in start page, with how many criteria its framework has and
    whether it is late (by the one rule: submitted on time is never late)."""

    assessment: Assessment
    criteria_total: int
    is_late: bool


def start_rows(assessments) -> list[StartRow]:
    """Rows for a page of ``open_assessments_for`` (one query for the criteria counts)."""
    assessments = list(assessments)
    totals = criteria_counts(framework_ids={a.round.framework_id for a in assessments})
    return [
        StartRow(assessment=a, criteria_total=totals.get(a.round.framework_id, 0), is_late=assessment_is_late(a))
        for a in assessments
    ]
