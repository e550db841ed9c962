"""One step across the country: its scores' spread and each criterion's levels, with who is at each."""
from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from assessments.levels import NOT_ANSWERED_LABEL, NOT_APPLICABLE, NOT_APPLICABLE_LABEL, level_heading
from assessments.models import Criterion, Step
from assessments.models.framework import LEVELS
from assessments.score_sql import effective_params, effective_sql, table

from .dashboards import RollupRow
from .rollup_cache import cached, scores_version

NOT_ANSWERED = "unanswered"
# Columns of the stacked bars, in order: levels 0-4, then N/A, then not answered.
LEVEL_KEYS: list[int | str] = [*LEVELS, NOT_APPLICABLE, NOT_ANSWERED]
LEVEL_LABELS = {**{level: level_heading(level) for level in LEVELS},
                NOT_APPLICABLE: NOT_APPLICABLE_LABEL, NOT_ANSWERED: NOT_ANSWERED_LABEL}


@dataclass(frozen=True)
class CriterionLevels:
    criterion: Criterion
    # level key -> names of the authorities at that level (effective: moderated where moderated)
    authorities: dict[int | str, list[str]]

    @property
    def counts(self) -> dict[int | str, int]:
        return {key: len(self.authorities[key]) for key in LEVEL_KEYS}

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[tuple[str, list[str]]]:
        """(column label, names of the authorities there) for each column, in LEVEL_KEYS order."""
        return [(LEVEL_LABELS[key], self.authorities[key]) for key in LEVEL_KEYS]


def _levels_sql() -> str:
    # The step's criteria inside the effective levels, so only their answers are read (an eighth).
    step_criteria = f"SELECT id FROM {table(Criterion)} WHERE step_id = %s"
    return f"SELECT x.assessment_id, x.criterion_id, x.score, x.answered FROM ({effective_sql('a.round_id = %s', criteria=step_criteria)}) x"


def _effective_levels(*, round_id: int, step: Step) -> dict[tuple[int, int], int | str]:
    """(assessment id, criterion id) -> effective level or ``NOT_APPLICABLE``, for every answered criterion of the step."""
    found: dict[tuple[int, int], int | str] = {}
    with connection.cursor() as cursor:
        cursor.execute(_levels_sql(), effective_params([round_id], [step.pk]))
        for assessment_id, criterion_id, score, answered in cursor.fetchall():
            if score is not None:
                found[(assessment_id, criterion_id)] = int(score)
            elif answered:  # answered without a level: not applicable
                found[(assessment_id, criterion_id)] = NOT_APPLICABLE
    return found


def criterion_levels(*, step: Step, round_id: int, rows: list[RollupRow]) -> list[CriterionLevels]:
    """Each criterion of the step with the counted authorities at each effective level.

    Three queries: the criteria, the scores version and the levels (or the shared cache).
    """
    criteria = list(Criterion.objects.filter(step=step).order_by("position"))
    names = {row.assessment_id: row.short_name for row in sorted(rows, key=lambda r: r.name.lower())}
    by_criterion = {c.pk: {key: [] for key in LEVEL_KEYS} for c in criteria}
    token = scores_version(round_id=round_id)  # before the levels: see rollup_cache
    found = cached(round_id=round_id, token=token, name=f"levels:{step.pk}",
                   compute=lambda: _effective_levels(round_id=round_id, step=step))
    # Walk the counted rows in name order so every list comes out alphabetical.
    for assessment_id, name in names.items():
        for criterion in criteria:
            by_criterion[criterion.pk][found.get((assessment_id, criterion.pk), NOT_ANSWERED)].append(name)
    return [CriterionLevels(criterion=c, authorities=by_criterion[c.pk]) for c in criteria]
