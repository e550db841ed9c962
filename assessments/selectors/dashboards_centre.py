"""What the centre owes each area: the criteria that measure what central government does.

The report's eight steps are addressed to central government. Criteria marked
``measures_centre`` (a single front door, stable funding, co-design...) score the centre's
side in each area; this module lists them per authority, apart from the area's own
readiness. The score is the same 0-100 scale as a step's (``scoring.step_score_from_sums``)
over those criteria's effective levels, computed by ``score_sql.centre_scores`` and stored
with each assessment's results.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from assessments import score_sql, scoring
from assessments.models import Criterion

from .dashboards import RollupRow, RoundRollup, assessments_to_read
from .rollup_cache import kept


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

    Each assessment's side is stored with its other results (``AssessmentScore.centre_score``,
    written with them by ``services.scores``), so this reads one column, kept in-process
    per assessment with its stored row's stamp. ``criteria``: the framework's criteria
    if the caller has them already (no query for them then).
    """
    round_ = rollup.round
    if criteria is None:
        criteria = list(Criterion.objects.filter(step__framework_id=round_.framework_id).order_by("step__number", "position"))
    criteria = [criterion for criterion in criteria if criterion.measures_centre]
    if not criteria:
        return None
    rated = [row for row in (rollup.rows if rows is None else rows) if row.rated]
    scores = _centre_scores(rollup=rollup)
    centre_rows = [CentreRow(row, scores.get(row.assessment_id)) for row in rated]
    centre_rows.sort(key=lambda r: (r.exact is None, r.exact if r.exact is not None else 0, r.row.name.lower()))
    return CentreOwed(criteria, centre_rows, scoring.spread(r.exact for r in centre_rows))


def _centre_scores(*, rollup: RoundRollup) -> dict[int, Decimal | None]:
    """assessment id -> the centre's side, for every assessment of the roll-up.

    The stored column changes only with its row's stamp (the same write), so each is kept
    in-process with the stamp (``rollup_cache.kept``) and only changed rows are read again
    (one query). An assessment with no stored row (made outside the services) is computed,
    not stored.
    """
    round_ = rollup.round

    def read(ids: list[int]) -> dict[int, Decimal | None]:
        stored = assessments_to_read(round_=round_, ids=ids)
        wanted, scores, missing = set(ids), {}, []
        for pk, summary_id, score in stored.values_list("pk", "summary__assessment_id", "summary__centre_score"):
            if pk not in wanted:
                continue
            if summary_id is None:
                missing.append(pk)
            else:
                scores[pk] = scoring.exact(score)
        if missing:
            where, params = score_sql.ids_where(missing)
            scores.update(score_sql.centre_scores(where=where, params=params))
        return scores

    return kept(space=("centre", round_.pk), stamps=rollup.stamps, build=read)
