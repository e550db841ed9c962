"""Each assessment's effective level on every criterion of its round, kept in-process.

The step view (who is at each level of a step's criteria) and the round comparison (each
criterion's mean level) read these. Levels are kept per assessment under its stored
result's stamp (``rollup_cache.kept``): every service that changes an answer or a
moderation rewrites that row in the same transaction (``services.scores``), so after a
score change one assessment's levels are read again, not the round's forty thousand
answers. One byte per criterion keeps a national round in about 40 KB.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from assessments import scoring
from assessments.levels import NOT_APPLICABLE
from assessments.models import Criterion
from assessments.models.framework import LEVELS
from assessments.score_sql import effective_params, effective_sql

from .dashboards import READ_BY_ID, RoundRollup
from .rollup_cache import kept

NOT_ANSWERED = "unanswered"
# A criterion's byte: a level 0-4 as itself, then these two.
_NOT_APPLICABLE_BYTE = max(LEVELS) + 1
_NOT_ANSWERED_BYTE = max(LEVELS) + 2
_KEY_OF_BYTE = {**{level: level for level in LEVELS}, _NOT_APPLICABLE_BYTE: NOT_APPLICABLE, _NOT_ANSWERED_BYTE: NOT_ANSWERED}


@dataclass(frozen=True)
class RoundLevels:
    """The effective levels of a round's assessments, criterion by criterion."""

    criterion_ids: tuple[int, ...]  # the framework's criteria, in step and position order
    codes: tuple[str, ...]  # their codes, in the same order
    by_assessment: dict[int, bytes]  # assessment id -> one byte per criterion (``_KEY_OF_BYTE``)

    def positions(self, criterion_ids: list[int]) -> list[int]:
        """Where each of ``criterion_ids`` is in every assessment's bytes (for ``keys_at``)."""
        at = {pk: i for i, pk in enumerate(self.criterion_ids)}
        return [at[pk] for pk in criterion_ids]

    def keys_at(self, *, assessment_id: int, positions: list[int]) -> list[int | str]:
        """The level key (0-4, ``NOT_APPLICABLE`` or ``NOT_ANSWERED``) of the criteria at ``positions``."""
        levels = self.by_assessment.get(assessment_id)
        if levels is None:
            return [NOT_ANSWERED] * len(positions)
        return [_KEY_OF_BYTE[levels[at]] for at in positions]

    def mean_levels(self, *, assessment_ids: list[int]) -> dict[str, Decimal | None]:
        """criterion code -> exact mean effective level among ``assessment_ids`` (None where none scored it)."""
        chosen = [self.by_assessment[pk] for pk in assessment_ids if pk in self.by_assessment]
        if not chosen:
            return {}
        means = {}
        for code, column in zip(self.codes, zip(*chosen)):
            scored = [level for level in column if level < _NOT_APPLICABLE_BYTE]
            means[code] = scoring.mean_level(level_total=sum(scored), scored=len(scored))
        return means


def round_levels(*, rollup: RoundRollup) -> RoundLevels:
    """Every assessment of the roll-up with its effective level on each criterion (two queries at most).

    The criteria, then only the levels of assessments whose stored result changed since
    this process last read them (all of them, the first time).
    """
    round_ = rollup.round
    criteria = list(
        Criterion.objects.filter(step__framework_id=round_.framework_id)
        .order_by("step__number", "position").values_list("pk", "code")
    )
    criterion_ids = tuple(pk for pk, _code in criteria)
    position = {pk: i for i, pk in enumerate(criterion_ids)}

    def read(ids: list[int]) -> dict[int, bytes]:
        where, params = "a.round_id = %s", [round_.pk]
        if len(ids) <= READ_BY_ID:
            where += f" AND a.id IN ({', '.join(['%s'] * len(ids))})"
            params += list(ids)
        found = {pk: bytearray([_NOT_ANSWERED_BYTE]) * len(criterion_ids) for pk in ids}
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT x.assessment_id, x.criterion_id, x.score, x.answered FROM ({effective_sql(where)}) x",
                           effective_params(params))
            for assessment_id, criterion_id, score, answered in cursor.fetchall():
                levels, at = found.get(assessment_id), position.get(criterion_id)
                if levels is None or at is None:
                    continue
                if score is not None:
                    levels[at] = int(score)
                elif answered:  # answered without a level: not applicable
                    levels[at] = _NOT_APPLICABLE_BYTE
        return {pk: bytes(levels) for pk, levels in found.items()}

    by_assessment = kept(space=("levels", round_.pk, criterion_ids), stamps=rollup.stamps, build=read)
    return RoundLevels(criterion_ids=criterion_ids, codes=tuple(code for _pk, code in criteria), by_assessment=by_assessment)
