"""The rows of a round's exports, one level each: authorities, steps, criteria.

Every export is of the rows the dashboard counts (its scope and filters), so a file never
holds more than the page it came from. Numbers are as shown (two places, rounded once from
exact values); a draft has its progress and no score or rating. Criteria rows: one per
authority x criterion (unanswered too), from assessments iterated in chunks with their
answers, moderations and evidence read chunk by chunk as plain values.
"""
from collections.abc import Iterator

from assessments import scoring
from assessments.models import Answer, Assessment, Criterion, Moderation, Round, Step
from assessments.selectors.dashboards import KIND_LABELS, STATE_LABELS, RollupRow
from assessments.selectors.devolution import tier_expression, tier_label
from assessments.selectors.landscapes import round_landscape_day
from evidence.selectors import PlainEvidence, evidence_by_answer

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
    """One row per assessment x criterion, assessments by authority name, read in chunks of
    ``CHUNK`` assessments as plain values (a round is 24,000 rows: model instances per answer
    and per evidence link were most of the export's time)."""
    criteria = list(
        Criterion.objects.filter(step__framework_id=round_.framework_id).select_related("step").order_by(
            "step__number", "position"
        )
    )
    assessments = list(
        Assessment.objects.filter(round=round_, pk__in=assessment_ids)
        # The tier on the round's landscape date, as the authority-level rows give it: a subquery of this query.
        .annotate(tier_then=tier_expression(day=round_landscape_day(round_=round_), authority_ref="authority_id"))
        .order_by("authority__name", "pk")
        .values_list("pk", "authority__code", "authority__name", "authority__kind", "tier_then", "state")
    )
    for start in range(0, len(assessments), CHUNK):
        chunk = assessments[start:start + CHUNK]
        yield from _chunk_rows(chunk, criteria)


def _chunk_rows(chunk: list[tuple], criteria: list[Criterion]) -> Iterator[list]:
    ids = [pk for pk, *_ in chunk]
    answers: dict[tuple[int, int], tuple] = {}
    # Half-finished answers ("Save and come back later") are not answers yet: never exported.
    for pk, assessment_id, criterion_id, score, not_applicable, justification in (
        Answer.objects.filter(assessment_id__in=ids, in_progress=False)
        .values_list("pk", "assessment_id", "criterion_id", "score", "not_applicable", "justification")
    ):
        answers[assessment_id, criterion_id] = (pk, scoring.AnswerValue(score, not_applicable), justification)
    moderations = {
        (assessment_id, criterion_id): (scoring.AnswerValue(score, not_applicable), reason)
        for assessment_id, criterion_id, score, not_applicable, reason in Moderation.objects.filter(
            assessment_id__in=ids
        ).values_list("assessment_id", "criterion_id", "score", "not_applicable", "reason")
    }
    # Sent and not back with the authority: the versions the latest submission cited, fixed when it
    # was sent (as the review page shows them); otherwise the current version of each item carried.
    evidence = evidence_by_answer(
        answers=[(answer[0], assessment_id, criterion_id) for (assessment_id, criterion_id), answer in answers.items()],
        states={pk: state for pk, *_, state in chunk},
    )
    for pk, code, name, kind, tier, state in chunk:
        kind_label, state_label = KIND_LABELS.get(kind, kind), STATE_LABELS.get(state, state)
        tier_text = tier_label(tier)
        for criterion in criteria:
            answer, moderation = answers.get((pk, criterion.pk)), moderations.get((pk, criterion.pk))
            own = answer[1] if answer else scoring.UNANSWERED
            moderated = moderation[0] if moderation else None
            effective = scoring.CriterionInput(criterion.step.number, criterion.weight, own, moderated).effective
            yield [
                code or "", name, kind_label, tier_text, state_label,
                criterion.step.number, criterion.code, criterion.title,
                _level(own), _yes_no(own) if answer else "", _level(moderated), _yes_no(moderated),
                "Not applicable" if effective.not_applicable else _level(effective),
                answer[2] if answer else "",
                evidence_cell(evidence[answer[0]]) if answer else "",
                moderation[1] if moderation else "",
            ]


def evidence_cell(entries: list[PlainEvidence]) -> str:
    """An answer's evidence in one cell: a link's address, a document's title, type and version; "; " between."""
    return "; ".join(
        f"{entry.title} ({entry.type_label}, version {entry.number})" if entry.is_document else entry.url
        for entry in entries
    )


def _number(value):
    return "" if value is None else value


def _rating(row: RollupRow) -> str:
    if not row.rated:
        return NOT_RATED
    return row.result.rag.label if row.result.rag else "Not scored"


AUTHORITY_HEADER = [
    "Authority code", "Authority", "Kind", "Strategic-authority tier", "Region", "State", "Late", "Criteria answered", "Criteria",
    "Progress (%)", "Readiness index", "Rating",
]


def authority_rows(rows: list[RollupRow]) -> Iterator[list]:
    for row in rows:
        result = row.result
        yield [
            row.code, row.name, row.kind_label, row.tier_label, row.region_label, row.state_label,
            "Yes" if row.is_late else "No", result.answered, result.total, result.progress_percent, _number(result.readiness_index), _rating(row),
        ]


STEP_LEVEL_HEADER = ["Authority code", "Authority", "Step", "Step title", "Score", "Rating", "Criteria answered",
                     "Criteria in step"]


def step_level_rows(rows: list[RollupRow], steps: list[Step]) -> Iterator[list]:
    titles = {s.number: s.title for s in steps}
    for row in rows:
        for step in row.result.steps:
            rating = NOT_RATED if not row.rated else (step.rag.label if step.rag else "Not scored")
            yield [row.code, row.name, step.number, titles.get(step.number, ""), _number(step.score), rating,
                   step.answered, step.total]


def step_header(steps: list[Step]) -> list[str]:
    return ["Authority code", "Authority", "Kind", "Strategic-authority tier", "Region", "State", "Late",
            *[f"Step {s.number}: {s.short_title}" for s in steps], "Readiness index", "Rating"]


def step_rows(rows: list[RollupRow]) -> Iterator[list]:
    """One row per authority: its step scores side by side (the wide table of the dashboard)."""
    for row in rows:
        result = row.result
        yield [
            row.code, row.name, row.kind_label, row.tier_label, row.region_label, row.state_label,
            "Yes" if row.is_late else "No", *[_number(s.score) for s in result.steps], _number(result.readiness_index), _rating(row),
        ]
