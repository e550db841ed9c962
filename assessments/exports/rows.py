"""The rows of a round's exports, one level each: authorities, steps, criteria.

Every export is of the rows the dashboard counts (its scope and filters), so a file never
holds more than the page it came from. Numbers are as shown (two places, rounded once from
exact values); a draft has its progress and no score or rating. Criteria rows: one per
authority x criterion (unanswered too), from assessments iterated in chunks with their
answers and moderations prefetched chunk by chunk.
"""
from collections.abc import Iterator

from django.db.models import Prefetch

from assessments import scoring
from assessments.models import Answer, Assessment, Criterion, Moderation, Round, Step
from assessments.selectors.dashboards import AuthorityRow
from assessments.selectors.devolution import tier_expression, tier_label
from assessments.selectors.landscapes import round_landscape_day
from evidence.selectors import answer_evidence_prefetch, shown_for_answer

CHUNK = 200  # assessments per chunk: 200 x 24 answers in memory at a time

CRITERIA_HEADER = [
    "Authority code", "Authority", "Kind", "Strategic-authority tier", "State", "Step", "Criterion code", "Criterion",
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


NOT_RATED = "Not rated (not submitted)"


def criteria_rows(*, round_: Round, assessment_ids: list[int]) -> Iterator[list]:
    criteria = list(
        Criterion.objects.filter(step__framework_id=round_.framework_id).select_related("step").order_by(
            "step__number", "position"
        )
    )
    assessments = (
        Assessment.objects.filter(round=round_, pk__in=assessment_ids)
        .select_related("authority")
        # The tier on the round's landscape date, as the authority-level rows give it: a subquery of this query.
        .annotate(tier_then=tier_expression(day=round_landscape_day(round_=round_), authority_ref="authority_id"))
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.only(
                "assessment_id", "criterion_id", "score", "not_applicable", "justification", "evidence_count",
                "in_progress")),
            Prefetch("answers__evidence_links", queryset=answer_evidence_prefetch().queryset),
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
                authority.code or "", authority.name, authority.get_kind_display(), tier_label(assessment.tier_then),
                assessment.get_state_display(),
                criterion.step.number, criterion.code, criterion.title,
                _level(own), _yes_no(own) if answer else "", _level(moderated), _yes_no(moderated),
                "Not applicable" if effective.not_applicable else _level(effective),
                answer.justification if answer else "", evidence_cell(answer) if answer else "",
                moderation.reason if moderation else "",
            ]


def evidence_cell(answer: Answer) -> str:
    """An answer's evidence in one cell: a link's address, a document's title, type and version; "; " between."""
    entries = []
    for shown in shown_for_answer(answer):
        version = shown.version
        entries.append(version.url if not version.is_document else f"{shown.item.title} ({shown.type_label}, version {version.number})")
    return "; ".join(entries)


def _number(value):
    return "" if value is None else value


def _rating(row: AuthorityRow) -> str:
    if not row.rated:
        return NOT_RATED
    return row.result.rag.label if row.result.rag else "Not scored"


AUTHORITY_HEADER = [
    "Authority code", "Authority", "Kind", "Strategic-authority tier", "Region", "State", "Late", "Criteria answered", "Criteria",
    "Progress (%)", "Readiness index", "Rating",
]


def authority_rows(rows: list[AuthorityRow]) -> Iterator[list]:
    for row in rows:
        result = row.result
        yield [
            row.code, row.name, row.kind_label, row.tier_label, row.region_label, row.state_label,
            "Yes" if row.is_late else "No", result.answered, result.total, result.progress_percent, _number(result.readiness_index), _rating(row),
        ]


STEP_LEVEL_HEADER = ["Authority code", "Authority", "Step", "Step title", "Score", "Rating", "Criteria answered",
                     "Criteria in step"]


def step_level_rows(rows: list[AuthorityRow], steps: list[Step]) -> Iterator[list]:
    titles = {s.number: s.title for s in steps}
    for row in rows:
        for step in row.result.steps:
            rating = NOT_RATED if not row.rated else (step.rag.label if step.rag else "Not scored")
            yield [row.code, row.name, step.number, titles.get(step.number, ""), _number(step.score), rating,
                   step.answered, step.total]


def step_header(steps: list[Step]) -> list[str]:
    return ["Authority code", "Authority", "Kind", "Strategic-authority tier", "Region", "State", "Late",
            *[f"Step {s.number}: {s.short_title}" for s in steps], "Readiness index", "Rating"]


def step_rows(rows: list[AuthorityRow]) -> Iterator[list]:
    """One row per authority: its step scores side by side (the wide table of the dashboard)."""
    for row in rows:
        result = row.result
        yield [
            row.code, row.name, row.kind_label, row.tier_label, row.region_label, row.state_label,
            "Yes" if row.is_late else "No", *[_number(s.score) for s in result.steps], _number(result.readiness_index), _rating(row),
        ]
