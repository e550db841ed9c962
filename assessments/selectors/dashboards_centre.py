"""What the centre owes each area: the criteria that measure what central government does.

The report's eight steps are addressed to central government. Criteria marked
``measures_centre`` (a single front door, stable funding, co-design...) score the centre's
side in each area; this module rolls them up per authority, apart from the area's own
readiness, with one grouped query per round. The score is the same 0-100 scale as a step's
(``scoring.step_score_from_sums``) over those criteria's effective levels.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from assessments import scoring
from assessments.models import Criterion, Round
from assessments.score_sql import effective_sql
from assessments.score_sql import exact as _exact
from assessments.score_sql import table as _table

from .dashboards import RollupRow, RoundRollup
from .rollup_cache import cached


@dataclass(frozen=True)
class CentreRow:
    row: RollupRow
    exact: Decimal | None  # 0-100, None where none of the criteria is scored

    @property
    def score(self) -> Decimal | None:
        return scoring.shown(self.exact)


@dataclass(frozen=True)
class CentreOwed:
    criteria: list[Criterion]  # the round's framework's criteria that measure the centre
    rows: list[CentreRow]  # rated rows, lowest first: where the centre owes most
    spread: scoring.Spread


def centre_owed(
    *, rollup: RoundRollup, rows: list[RollupRow] | None = None, criteria: list[Criterion] | None = None
) -> CentreOwed | None:
    """The centre's side for each rated row (default: every row of ``rollup``), or None if the
    round's framework marks no criterion.

    The round's scores are computed once per scores version and kept in the shared cache
    (``rollup_cache``), like the rest of the roll-up. ``criteria``: the framework's criteria
    if the caller has them already (no query for them then).
    """
    round_ = rollup.round
    if criteria is None:
        criteria = list(Criterion.objects.filter(step__framework_id=round_.framework_id).order_by("step__number", "position"))
    criteria = [criterion for criterion in criteria if criterion.measures_centre]
    if not criteria:
        return None
    rated = [row for row in (rollup.rows if rows is None else rows) if row.rated]
    scores = cached(round_id=round_.pk, token=rollup.scores_token, name="centre", compute=lambda: _centre_scores(round_=round_))
    centre_rows = [CentreRow(row, scores.get(row.assessment_id)) for row in rated]
    centre_rows.sort(key=lambda r: (r.exact is None, r.exact if r.exact is not None else 0, r.row.name.lower()))
    return CentreOwed(criteria, centre_rows, scoring.spread(r.exact for r in centre_rows))


def _centre_scores(*, round_: Round) -> dict[int, Decimal | None]:
    """assessment id -> the centre's side, for every assessment of the round with an answer (one query)."""
    sql = f"""
        SELECT x.assessment_id, SUM(x.score * c.weight), SUM(CASE WHEN x.score IS NOT NULL THEN c.weight END)
        FROM ({effective_sql("a.round_id = %s")}) x
        JOIN {_table(Criterion)} c ON c.id = x.criterion_id
        WHERE c.measures_centre
        GROUP BY x.assessment_id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [round_.pk, round_.pk])
        return {
            pk: scoring.step_score_from_sums(weighted_sum=_exact(weighted), weight_total=_exact(weight))
            for pk, weighted, weight in cursor.fetchall()
        }
