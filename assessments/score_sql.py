"""The SQL that adds scores up in the database: one module, imported by readers and writers alike.

``effective_sql`` gives each answered or moderated criterion's effective level;
``assessment_results`` adds those up per assessment and step in one grouped query (with the
self-assessed sums in the same pass) and hands them to ``scoring.result_from_sums``, so the
numbers are the scoring module's. It only reads: ``assessments.services.scores`` stores
what it returns (``AssessmentScore``), and readers fall back on it for an assessment whose
stored row is missing. It imports neither selectors nor services, so both can import it.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection

from assessments import scoring
from assessments.models import Answer, Assessment, Criterion, Moderation, Step

SUMS_PLACES = Decimal("0.01")  # levels are whole numbers and weights have two places
ZERO = Decimal(0)

# id -> (effective result, self-assessed result)
Results = dict[int, tuple[scoring.AssessmentResult, scoring.AssessmentResult]]


def table(model) -> str:
    """The model's quoted table name, for raw SQL."""
    return connection.ops.quote_name(model._meta.db_table)


def exact_sum(value) -> Decimal:
    """A database sum as an exact Decimal (SQLite may hand back a float for decimal columns)."""
    if value is None:
        return ZERO
    if isinstance(value, (Decimal, int)):  # PostgreSQL: already exact
        return Decimal(value)
    return Decimal(str(value)).quantize(SUMS_PLACES)


def effective_sql(where: str, *, criteria: str = "") -> str:
    """One row per answered or moderated criterion of the assessments matching ``where`` (on ``a``).

    Columns: assessment_id, criterion_id, score (effective: the moderation where one exists,
    else the authority's own; NULL for N/A or unanswered) and answered (1 for a level or N/A).
    Criteria with no answer row and no moderation are unanswered and simply have no row.
    ``criteria``: optionally, a subquery of the criterion ids to keep (a step's, the centre's),
    applied inside so that only those answers are read.
    Written answers-first so that PostgreSQL probes the answer index per assessment instead
    of hashing the whole answer table (the difference at 480,000 answers is 10x), and with
    the moderations of the same assessments only: joined to every moderation of every round,
    the hash grows with the number of rounds (twice the time at 20 rounds).
    Parameters: ``effective_params``.
    """
    only = f"AND {{alias}}.criterion_id IN ({criteria})" if criteria else ""
    return f"""
        SELECT ans.assessment_id, ans.criterion_id,
          CASE WHEN m.id IS NOT NULL THEN m.score ELSE ans.score END AS score,
          CASE WHEN m.id IS NOT NULL OR ans.score IS NOT NULL OR ans.not_applicable THEN 1 ELSE 0 END AS answered
        FROM {table(Assessment)} a
        JOIN {table(Answer)} ans ON ans.assessment_id = a.id
        LEFT JOIN (
          SELECT m.id, m.assessment_id, m.criterion_id, m.score
          FROM {table(Assessment)} a JOIN {table(Moderation)} m ON m.assessment_id = a.id
          WHERE {where}
        ) m ON m.assessment_id = ans.assessment_id AND m.criterion_id = ans.criterion_id
        WHERE {where} {only.format(alias="ans")}
        UNION ALL
        SELECT m.assessment_id, m.criterion_id, m.score, 1
        FROM {table(Assessment)} a
        JOIN {table(Moderation)} m ON m.assessment_id = a.id
        WHERE {where} {only.format(alias="m")} AND NOT EXISTS (
          SELECT 1 FROM {table(Answer)} own WHERE own.assessment_id = m.assessment_id AND own.criterion_id = m.criterion_id
        )
    """


def effective_params(params: list, criteria_params: list | None = None) -> list:
    """The parameters of ``effective_sql``: those of ``where`` (and of ``criteria``) in the order it uses them."""
    criteria_params = criteria_params or []
    return [*params, *params, *criteria_params, *params, *criteria_params]


@dataclass
class BothSums:
    """One assessment's per-step sums: effective (moderated where moderated) and self-assessed."""

    effective: dict[int, scoring.StepSums] = field(default_factory=dict)
    own: dict[int, scoring.StepSums] = field(default_factory=dict)


def _both_sums_sql(where: str) -> str:
    # Every own answer is a row of effective_sql (its answers-first half), so joining the
    # answer again by (assessment, criterion) adds the self-assessed sums in the same pass.
    # NULL x weight is NULL, which SUM skips: N/A and unanswered never count as zero.
    return f"""
        SELECT x.assessment_id, s.number,
          SUM(x.score * c.weight),
          SUM(CASE WHEN x.score IS NOT NULL THEN c.weight END),
          SUM(x.answered),
          SUM(own.score * c.weight),
          SUM(CASE WHEN own.score IS NOT NULL THEN c.weight END),
          SUM(CASE WHEN own.score IS NOT NULL OR own.not_applicable THEN 1 ELSE 0 END)
        FROM ({effective_sql(where)}) x
        JOIN {table(Criterion)} c ON c.id = x.criterion_id
        JOIN {table(Step)} s ON s.id = c.step_id
        LEFT JOIN {table(Answer)} own ON own.assessment_id = x.assessment_id AND own.criterion_id = x.criterion_id
        GROUP BY x.assessment_id, s.number
    """


def both_step_sums(*, where: str, params: list, totals: dict[int, dict[int, int]]) -> dict[int, BothSums]:
    """assessment id -> effective and own sums per step, in one grouped query.

    ``where`` filters assessments (alias ``a``); only the assessments in ``totals``
    (id -> step number -> criteria in the step) are returned, each with every step.
    """
    found = {pk: BothSums() for pk in totals}
    with connection.cursor() as cursor:
        cursor.execute(_both_sums_sql(where), effective_params(params))
        for pk, number, weighted, weight, answered, own_weighted, own_weight, own_answered in cursor.fetchall():
            if pk not in found:
                continue
            total = totals[pk].get(number, 0)
            found[pk].effective[number] = scoring.StepSums(exact_sum(weighted), exact_sum(weight), int(answered), total)
            found[pk].own[number] = scoring.StepSums(exact_sum(own_weighted), exact_sum(own_weight), int(own_answered), total)
    for pk, steps in totals.items():  # steps with nothing answered
        for number, total in steps.items():
            found[pk].effective.setdefault(number, scoring.StepSums(total=total))
            found[pk].own.setdefault(number, scoring.StepSums(total=total))
    return found


def assessment_results(*, ids: Iterable[int], steps: Sequence[Step], where: str, params: list) -> Results:
    """Effective and own results of ``ids`` (all on the framework of ``steps``) from one grouped query.

    ``where`` (on ``a``) must cover ``ids``; ``steps`` carry ``criteria_count``.
    """
    step_inputs = [scoring.StepInput(number=s.number, weight=s.weight) for s in steps]
    per_step = {s.number: s.criteria_count for s in steps}
    sums = both_step_sums(where=where, params=params, totals={pk: per_step for pk in ids})
    return {
        pk: (
            scoring.result_from_sums(steps=step_inputs, sums=both.effective),
            scoring.result_from_sums(steps=step_inputs, sums=both.own),
        )
        for pk, both in sums.items()
    }


def centre_scores(*, where: str, params: list) -> dict[int, Decimal | None]:
    """assessment id -> the centre's side (0-100, exact), for the assessments matching ``where`` (on ``a``).

    The criteria marked ``measures_centre`` score what central government does in the area;
    their effective levels make one score on a step's scale (``scoring.step_score_from_sums``).
    Assessments with none of them answered are absent (their side is unknown: None). One query.
    """
    sql = f"""
        SELECT x.assessment_id, SUM(x.score * c.weight), SUM(CASE WHEN x.score IS NOT NULL THEN c.weight END)
        FROM ({effective_sql(where, criteria=f"SELECT id FROM {table(Criterion)} WHERE measures_centre")}) x
        JOIN {table(Criterion)} c ON c.id = x.criterion_id
        GROUP BY x.assessment_id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, effective_params(params))
        return {
            pk: scoring.step_score_from_sums(weighted_sum=exact_sum(weighted), weight_total=exact_sum(weight))
            for pk, weighted, weight in cursor.fetchall()
        }


def ids_where(ids: Sequence[int]) -> tuple[str, list]:
    """``where`` and its parameters for exactly these assessments."""
    return f"a.id IN ({', '.join(['%s'] * len(ids))})", list(ids)
