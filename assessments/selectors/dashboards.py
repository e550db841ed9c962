"""Roll-ups for the dashboards: every authority of a round with its results, and their spreads.

Results are stored per assessment (``AssessmentScore``, written by services/scores.py in
the transaction of every score change, from ``score_sql`` and the scoring module), so
``round_rollup`` reads one stored row per authority instead of summing answers on every
view, and only the rows that changed since this process last read the round
(``rollup_cache.kept``). Reads never write: an assessment without a stored row is
computed and not stored.
"""
from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from django.db.models import Count, Exists, OuterRef, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from assessments import scoring
from assessments.deadlines import is_late
from assessments.models import (
    Assessment,
    AssessmentState,
    AuthorityKind,
    Constituent,
    Round,
    RoundState,
    Step,
    StrategicTier,
)
from assessments.models.authorities import NO_TIER, NO_TIER_LABEL

from .devolution import tiers_on
from .landscapes import round_landscape_day
from .rollup_cache import derived, kept, recall, remember, scores_version
from .scores import EFFECTIVE_LOOKUPS, effective_result, missing_results

T = TypeVar("T")
Stamp = tuple | None  # a stored result's (version, refreshed_at); None: no stored row, so never kept
KIND_LABELS = dict(AuthorityKind.choices)
TIER_LABELS = dict(StrategicTier.choices)
STATE_LABELS = dict(AssessmentState.choices)


class Scope(StrEnum):
    """Which assessments the national numbers count."""

    APPROVED = "approved"
    SUBMITTED = "submitted"
    ALL = "all"

    @property
    def label(self) -> str:
        return SCOPE_LABELS[self]

    @property
    def states(self) -> frozenset[str]:
        return SCOPE_STATES[self]

    @classmethod
    def from_query(cls, value: str | None) -> Scope:
        """The scope a query string asks for; the default for anything else (links get shared and edited)."""
        try:
            return cls(value)
        except ValueError:
            return DEFAULT_SCOPE


SUBMITTED_STATES = frozenset(
    {AssessmentState.SUBMITTED, AssessmentState.IN_REVIEW, AssessmentState.RETURNED, AssessmentState.APPROVED}
)
SCOPE_STATES = {
    Scope.APPROVED: frozenset({AssessmentState.APPROVED}),
    Scope.SUBMITTED: SUBMITTED_STATES,
    Scope.ALL: frozenset(AssessmentState.values),
}
SCOPE_LABELS = {
    Scope.APPROVED: "Approved only",
    Scope.SUBMITTED: "Submitted at least once (submitted, in review, returned or approved)",
    Scope.ALL: "All, including drafts",
}
DEFAULT_SCOPE = Scope.SUBMITTED
# Only an assessment submitted at least once is rated (has scores, an index, a RAG); a draft
# shows its progress only, everywhere: pages, medians, exports.
RATED_STATES = SUBMITTED_STATES


def rated_result(*, state: str, result: scoring.AssessmentResult) -> scoring.AssessmentResult:
    """The result as every reader may show it: a draft's is progress only (``scoring.unrated``)."""
    return result if state in RATED_STATES else scoring.unrated(result)


@dataclass(frozen=True)
class RollupRow:
    """One authority's assessment in a round, with every number from the scoring module."""

    assessment_id: int
    authority_id: int
    name: str
    short_name: str
    code: str
    kind: str
    kind_label: str
    regions: tuple[str, ...]
    state: str
    state_label: str
    submitted_at: datetime.datetime | None
    deadline: datetime.date
    result: scoring.AssessmentResult  # already ``rated_result``: a draft's has no scores
    is_late: bool = False  # ``assessments.deadlines.is_late``
    tier: str = NO_TIER  # strategic-authority tier on the round's landscape date (``round_landscape_day``)

    @property
    def tier_label(self) -> str:
        return TIER_LABELS.get(self.tier, NO_TIER_LABEL)

    @property
    def rated(self) -> bool:
        return self.result.rated

    @property
    def region_label(self) -> str:
        return ", ".join(self.regions) or "Not known"

    def step_score(self, number: int) -> Decimal | None:
        """As shown (two places)."""
        return self.result.step(number).score

    def step_exact(self, number: int) -> Decimal | None:
        """Exact, for medians, quartiles and differences."""
        return self.result.step(number).exact


@dataclass(frozen=True)
class RoundRollup:
    round: Round
    steps: list[Step]
    rows: list[RollupRow]
    scores_token: str | None = None  # the round's scores version these results were read under (``rollup_cache``)
    # The key the rows are memoised under in this process (``rollup_cache.derived``), for what is built
    # from them (``derived_from_rows``); None when they were built for this request only.
    rows_key: tuple | None = None
    # assessment id -> the stamp of its stored result, read with the rows (``STAMP_FIELDS``), for
    # what else is kept per assessment (``criterion_levels``).
    stamps: dict[int, Stamp] = field(default_factory=dict)

    @property
    def step_inputs(self) -> list[scoring.StepInput]:
        return [scoring.StepInput(number=s.number, weight=s.weight) for s in self.steps]


def _regions(*, landscape: str) -> dict[int, tuple[str, ...]]:
    """authority id -> the regions of its member councils in this landscape (one query)."""
    found: dict[int, set[str]] = defaultdict(set)
    rows = (
        Constituent.objects.filter(landscape=landscape)
        .exclude(local_authority__region="")
        .values_list("authority_id", "local_authority__region")
        .order_by()  # not the councils' name order: distinct pairs are all this needs
        .distinct()
    )
    for authority_id, region in rows:
        found[authority_id].add(region)
    return {key: tuple(sorted(value)) for key, value in found.items()}


def round_steps(*, round_: Round) -> list[Step]:
    """The round's steps in order, each with ``criteria_count``."""
    return list(
        Step.objects.filter(framework_id=round_.framework_id).annotate(criteria_count=Count("criteria")).order_by("number")
    )


ROW_FIELDS = (
    "pk", "authority_id", "authority__name", "authority__short_name", "authority__code", "authority__kind",
    "state", "submitted_at", "deadline_override",
)  # and the tier on the round's landscape day, from ``tiers_on``
# Each stored result's stamp (``AssessmentScore.version``), read with the names and states on
# every request: a result or row is built again only when its stamp changed (``rollup_cache.kept``).
# As text: compared, never shown, and a thousand UUIDs and datetimes a request cost more to make than to read.
STAMP_FIELDS = {
    "stamp_version": Cast("summary__version", TextField()),
    "stamp_refreshed_at": Cast("summary__refreshed_at", TextField()),
}


def round_rollup(*, round_: Round, states: frozenset[str] | None = None) -> RoundRollup:
    """Every assessment of the round (optionally only in ``states``) with its results.

    Five queries: the scores version, the steps, the tiers, the assessments (names, states
    and deadlines, always fresh, with the stamps of their stored results when the token is
    new to this process) and the councils' regions; a sixth reads the stored results whose
    stamps changed since this process last read them (after a score change, one row).
    Rows are kept per assessment with their stamps and fresh values (``rollup_cache.kept``),
    and the round's list of rows is memoised while the token and fresh reads stay the same
    (``rollup_cache.derived``).
    """
    token = scores_version(round_id=round_.pk)  # before anything cached is read: see rollup_cache
    steps = round_steps(round_=round_)
    # Plain tuples, not model instances: a thousand rows a page view, so it matters.
    assessments = Assessment.objects.filter(round=round_).order_by("authority__name")
    if states is not None:
        assessments = assessments.filter(state__in=states)
    tiers = tiers_on(day=round_landscape_day(round_=round_))
    # Every write of a stored result replaces the round's token in the same transaction, so
    # under a token this process has read the stamps with, they are the same: not read again.
    stamps_key = ("stamps", round_.pk, token, states)
    known = recall(key=stamps_key) if token is not None else None
    if known is not None:
        values = [(*v, tiers.get(v[1], NO_TIER)) for v in assessments.values_list(*ROW_FIELDS)]
        stamps = {v[0]: known.get(v[0]) for v in values}
        # The same stamps as when this process last read them under the token: the same results.
        results = derived(key=("results", *stamps_key), inputs=tuple(stamps), rounds=((round_.pk, token),),
                          compute=lambda: round_results(round_=round_, steps=steps, stamps=stamps))
    else:
        values, stamps = [], {}
        for *fields, version, refreshed_at in assessments.annotate(**STAMP_FIELDS).values_list(*ROW_FIELDS, *STAMP_FIELDS):
            values.append((*fields, tiers.get(fields[1], NO_TIER)))
            stamps[fields[0]] = None if version is None else (version, refreshed_at)
        if token is not None:
            remember(key=stamps_key, value=stamps, rounds=((round_.pk, token),))
        results = round_results(round_=round_, steps=steps, stamps=stamps)
    regions = _regions(landscape=round_.landscape)
    today = timezone.localdate()  # once, not per row: "late" is about today for every row alike

    def build() -> list[RollupRow]:
        space = ("rows", round_.pk, steps_signature(steps), round_.closes_on, round_.state, today)
        row_stamps = {
            v[0]: None if stamps[v[0]] is None else (v, stamps[v[0]], regions.get(v[1], ())) for v in values
        }

        def make(ids: list[int]) -> dict[int, RollupRow]:
            wanted = set(ids)
            return {v[0]: _row(v, regions.get(v[1], ()), results[v[0]], round_, today) for v in values if v[0] in wanted}

        by_id = kept(space=space, stamps=row_stamps, build=make)
        return [by_id[v[0]] for v in values]

    absent = any(stamp is None for stamp in stamps.values())  # only if made without the services
    if token is None or absent:  # results not all under the token: build for this request only
        return RoundRollup(round=round_, steps=steps, rows=build(), scores_token=token, stamps=stamps)
    # Everything a row is made of: the token's results, and these fresh reads.
    key = ("rows", round_.pk, token, states, steps_signature(steps), round_.closes_on, round_.state, today)
    rows = derived(key=key, inputs=(values, regions), compute=build, rounds=((round_.pk, token),))
    return RoundRollup(round=round_, steps=steps, rows=rows, scores_token=token, rows_key=key, stamps=stamps)


def derived_from_rows(*rollups: RoundRollup, key: tuple, inputs: object, compute: Callable[[], T]) -> T:
    """``compute()``, kept in-process with the rows of ``rollups`` (``rollup_cache.derived``).

    ``key``: what else it depends on that has a version (filters, a dataset's version);
    ``inputs``: what else it read fresh. Built for this request only when any of the rows were.
    """
    if any(rollup.rows_key is None for rollup in rollups):
        return compute()
    return derived(
        key=(*(rollup.rows_key for rollup in rollups), *key), inputs=inputs, compute=compute,
        rounds=tuple((rollup.round.pk, rollup.scores_token) for rollup in rollups),
    )


def steps_signature(steps: list[Step]) -> tuple:
    """What of the steps the results and spreads depend on."""
    return tuple((step.number, step.weight, step.criteria_count) for step in steps)


# Above this many assessments to read, the round's are read whole rather than by id.
READ_BY_ID = 200


def assessments_to_read(*, round_: Round, ids: list[int]):
    """The round's assessments to read ``ids`` from (unordered): by id when few, else the
    whole round, whose other rows the caller skips."""
    query = Assessment.objects.filter(round=round_).order_by()
    return query.filter(pk__in=ids) if len(ids) <= READ_BY_ID else query


def round_results(
    *, round_: Round, steps: list[Step], stamps: dict[int, Stamp]
) -> dict[int, scoring.AssessmentResult]:
    """assessment id -> effective result, for the assessments of ``stamps`` (their stored rows' stamps).

    Results whose stamps this process has seen are reused (``rollup_cache.kept``); the rest
    are read from the stored rows in one query. Assessments with no stored row (made outside
    the services, before ``refresh_scores`` ran) are computed in one more query, whatever
    their number, and not stored.
    """
    totals = tuple((step.number, step.criteria_count) for step in steps)

    def read(ids: list[int]) -> dict[int, scoring.AssessmentResult]:
        wanted, results, missing = set(ids), {}, []
        for pk, *stored in assessments_to_read(round_=round_, ids=ids).values_list("pk", *EFFECTIVE_LOOKUPS):
            if pk not in wanted:
                continue
            if stored[0] is None:
                missing.append(pk)
            else:
                results[pk] = effective_result(tuple(stored), totals)
        results.update({pk: effective for pk, (effective, _own) in missing_results(ids=missing, steps=steps).items()})
        return results

    return kept(space=("results", round_.pk, totals), stamps=stamps, build=read)


def _row(values, regions, result, round_, today) -> RollupRow:
    pk, authority_id, name, short_name, code, kind, state, submitted_at, deadline_override, tier = values
    deadline = deadline_override or round_.closes_on
    return RollupRow(
        assessment_id=pk,
        authority_id=authority_id,
        name=name,
        short_name=short_name,
        code=code or "",
        kind=kind,
        kind_label=KIND_LABELS.get(kind, kind),
        regions=regions,
        state=state,
        state_label=STATE_LABELS.get(state, state),
        submitted_at=submitted_at,
        deadline=deadline,
        result=rated_result(state=state, result=result),
        tier=tier or NO_TIER,
        is_late=is_late(
            state=state, submitted_at=submitted_at, deadline=deadline,
            round_closed=round_.state == RoundState.CLOSED, has_extension=deadline_override is not None, today=today,
        ),
    )


def step_spreads(
    *, rows: list[RollupRow], steps: list[Step], guard: Guard | None = None
) -> dict[int, scoring.Spread]:
    """step number -> quartiles and median of the rows' exact step scores.

    With a ``guard`` (an authority's user reading), see ``Guard``.
    """
    if guard is not None:
        return {step.number: _spread(rows, lambda row, n=step.number: row.step_exact(n), guard) for step in steps}
    # One pass over the rows for every step (a thousand rows, eight steps, on every cold read).
    columns: dict[int, list[Decimal | None]] = {step.number: [] for step in steps}
    for row in rows:
        for result in row.result.steps:
            column = columns.get(result.number)
            if column is not None:
                column.append(result.exact)
    return {number: scoring.spread(column) for number, column in columns.items()}


def index_spread(*, rows: list[RollupRow], guard: Guard | None = None) -> scoring.Spread:
    return _spread(rows, lambda row: row.result.exact_index, guard)


@dataclass(frozen=True)
class Guard:
    """Who reads a spread, for the small-group privacy rule (``scoring.guarded_spread``).

    ``own_authority_ids``: the reader's authorities, whose data is theirs to see.
    ``published``: the round is published, so its approved assessments are public data.
    Central staff read without a guard.
    """

    own_authority_ids: frozenset[int]
    published: bool = False

    def is_others_unpublished(self, row: RollupRow) -> bool:
        if row.authority_id in self.own_authority_ids:
            return False
        return not (self.published and row.state == AssessmentState.APPROVED)


def _spread(rows: list[RollupRow], value_of, guard: Guard | None) -> scoring.Spread:
    if guard is None:
        return scoring.spread(value_of(row) for row in rows)
    return scoring.guarded_spread((value_of(row), guard.is_others_unpublished(row)) for row in rows)


def latest_round_with_submissions(rounds: list[Round]) -> Round | None:
    """The newest of ``rounds`` (newest first) with a submitted assessment, else the newest (one query)."""
    if not rounds:
        return None
    # One probe per round that stops at its first submission (not every assessment of every round).
    submitted = Assessment.objects.filter(round=OuterRef("pk"), state__in=SUBMITTED_STATES)
    with_submissions = set(
        Round.objects.filter(pk__in=[r.pk for r in rounds]).filter(Exists(submitted)).values_list("pk", flat=True)
    )
    return next((r for r in rounds if r.pk in with_submissions), rounds[0])
