"""One step across the country: its scores' spread and each criterion's levels, with who is at each."""
from __future__ import annotations

from dataclasses import dataclass

from assessments.levels import NOT_ANSWERED_LABEL, NOT_APPLICABLE, NOT_APPLICABLE_LABEL, level_heading
from assessments.models import Criterion, Step
from assessments.models.framework import LEVELS

from .criterion_levels import NOT_ANSWERED, RoundLevels
from .dashboards import RollupRow

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


def criterion_levels(*, step: Step, rows: list[RollupRow], levels: RoundLevels) -> list[CriterionLevels]:
    """Each criterion of the step with the counted authorities at each effective level.

    One query (the criteria); the levels are ``criterion_levels.round_levels``'s.
    """
    criteria = list(Criterion.objects.filter(step=step).order_by("position"))
    ids = [c.pk for c in criteria]
    positions = levels.positions(ids)
    by_criterion = {c.pk: {key: [] for key in LEVEL_KEYS} for c in criteria}
    # Walk the counted rows in name order so every list comes out alphabetical.
    for row in sorted(rows, key=lambda r: r.name.lower()):
        for pk, key in zip(ids, levels.keys_at(assessment_id=row.assessment_id, positions=positions)):
            by_criterion[pk][key].append(row.short_name)
    return [CriterionLevels(criterion=c, authorities=by_criterion[c.pk]) for c in criteria]
