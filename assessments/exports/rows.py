"""The rows of a round's exports, generated without holding the round in memory.

Criteria rows: one per authority x criterion (unanswered criteria too), from assessments
iterated in chunks with their answers and moderations prefetched chunk by chunk.
"""
from collections.abc import Iterator

from django.db.models import Prefetch

from assessments import scoring
from assessments.models import Answer, Assessment, Criterion, Moderation, Round
from assessments.selectors.dashboards import round_rollup

CHUNK = 200  # assessments per chunk: 200 x 24 answers in memory at a time

CRITERIA_HEADER = [
    "Authority code", "Authority", "Kind", "State", "Step", "Criterion code", "Criterion",
    "Self-assessed level", "Self-assessed not applicable", "Moderated level", "Moderated not applicable",
    "Effective level", "Justification", "Evidence", "Moderation reason",
]


def _level(value: scoring.AnswerValue | None):
    if value is None or value.score is None:
        return ""
    return value.score


def _yes_no(value: scoring.AnswerValue | None) -> str:
    if value is None:
        return ""
    return "Yes" if value.not_applicable else "No"


def criteria_rows(*, round_: Round) -> Iterator[list]:
    criteria = list(
        Criterion.objects.filter(step__framework_id=round_.framework_id).select_related("step").order_by(
            "step__number", "position"
        )
    )
    assessments = (
        Assessment.objects.filter(round=round_)
        .select_related("authority")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.only(
                "assessment_id", "criterion_id", "score", "not_applicable", "justification", "evidence_url",
                "in_progress")),
            Prefetch("moderations", queryset=Moderation.objects.only(
                "assessment_id", "criterion_id", "score", "not_applicable", "reason")),
        )
        .order_by("authority__name", "pk")
    )
    for assessment in assessments.iterator(chunk_size=CHUNK):
        # Half-finished answers ("Save and come back later") are not answers yet: never exported.
        answers = {a.criterion_id: a for a in assessment.answers.all() if not a.in_progress}
        moderations = {m.criterion_id: m for m in assessment.moderations.all()}
        authority = assessment.authority
        for criterion in criteria:
            answer, moderation = answers.get(criterion.pk), moderations.get(criterion.pk)
            own = scoring.AnswerValue(answer.score, answer.not_applicable) if answer else scoring.UNANSWERED
            moderated = scoring.AnswerValue(moderation.score, moderation.not_applicable) if moderation else None
            effective = scoring.CriterionInput(criterion.step.number, criterion.weight, own, moderated).effective
            yield [
                authority.code or "", authority.name, authority.get_kind_display(), assessment.get_state_display(),
                criterion.step.number, criterion.code, criterion.title,
                _level(own), _yes_no(own) if answer else "", _level(moderated), _yes_no(moderated),
                "Not applicable" if effective.not_applicable else _level(effective),
                answer.justification if answer else "", answer.evidence_url if answer else "",
                moderation.reason if moderation else "",
            ]


def step_header(step_numbers: list[int]) -> list[str]:
    return ["Authority code", "Authority", "Kind", "State", *[f"Step {n}" for n in step_numbers],
            "Readiness index", "Rating"]


def step_rows(*, round_: Round) -> tuple[list[str], Iterator[list]]:
    """Header and rows of step scores, from the database roll-up (about 8 rows a authority summed there)."""
    rollup = round_rollup(round_=round_)
    numbers = [s.number for s in rollup.steps]

    def rows():
        for row in rollup.rows:
            result = row.result
            yield [
                row.code, row.name, row.kind_label, row.state_label,
                *["" if s.score is None else s.score for s in result.steps],
                "" if result.readiness_index is None else result.readiness_index,
                result.rag.label if result.rag else "",
            ]

    return step_header(numbers), rows()
