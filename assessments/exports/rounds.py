"""A round's exports, built from the same rows as the dashboard (its scope and filters).

Builders return line iterators (CSV) or write to a binary file object (XLSX), so a view can
stream them and a background task can write them to storage.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from assessments.models import AssessmentState, Round
from assessments.selectors.dashboards import KIND_LABELS, RoundRollup, round_rollup
from assessments.selectors.dashboards_overview import Overview, OverviewFilters, overview
from assessments.selectors.devolution import tier_label
from official_statistics.exports import STATISTICS_HEADER, statistics_rows

from .csv_export import csv_lines
from .metadata import LICENCE_PUBLISHED, ExportMetadata
from .rows import (
    AUTHORITY_HEADER,
    CRITERIA_HEADER,
    STEP_LEVEL_HEADER,
    authority_rows,
    criteria_rows,
    step_header,
    step_level_rows,
    step_rows,
)
from .xlsx_export import Sheet, write_workbook

PUBLIC_STATES = frozenset({AssessmentState.APPROVED})


def filters_in_words(filters: OverviewFilters) -> str:
    parts = []
    if filters.kind:
        parts.append(f"kind of authority: {KIND_LABELS[filters.kind]}")
    if filters.tier:
        parts.append(f"strategic-authority tier on the round's landscape date: {tier_label(filters.tier)}")
    if filters.region:
        parts.append(f"region: {filters.region}")
    if not parts:
        return "None (every kind of authority, every region)"
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def round_data(*, round_: Round, filters: OverviewFilters) -> Overview:
    """The dashboard's counted rows for these filters (sorted as the dashboard sorts them)."""
    return overview(rollup=round_rollup(round_=round_), filters=filters)


def _metadata(*, title: str, data: Overview, generated_by: str) -> ExportMetadata:
    return ExportMetadata(
        title=title,
        round=data.rollup.round,
        counting_rule=f"{data.filters.scope.label}: {data.counts['counted']} of {data.counts['assessments']} assessments",
        filters=filters_in_words(data.filters),
        generated_by=generated_by,
    )


def criteria_csv(*, round_: Round, filters: OverviewFilters, generated_by: str) -> Iterator[str]:
    data = round_data(round_=round_, filters=filters)
    metadata = _metadata(title="Every criterion of every authority counted", data=data, generated_by=generated_by)
    ids = [row.assessment_id for row in data.rows]
    return csv_lines(metadata=metadata, header=CRITERIA_HEADER, rows=criteria_rows(round_=round_, assessment_ids=ids))


def steps_csv(*, round_: Round, filters: OverviewFilters, generated_by: str) -> Iterator[str]:
    data = round_data(round_=round_, filters=filters)
    metadata = _metadata(title="Step scores of every authority counted", data=data, generated_by=generated_by)
    steps = data.rollup.steps
    return csv_lines(metadata=metadata, header=step_header(steps), rows=step_rows(data.rows))


def round_slug(round_: Round) -> str:
    """The round's name as a file name: "2026-27 readiness" becomes "2026-27-readiness"."""
    return re.sub(r"[^a-z0-9]+", "-", round_.name.lower()).strip("-") or "round"


def write_round_xlsx(out, *, round_: Round, filters: OverviewFilters, generated_by: str) -> None:
    """The workbook: About, Authorities, Steps, Criteria (one sheet per level)."""
    data = round_data(round_=round_, filters=filters)
    metadata = _metadata(title="Readiness results: authorities, steps and criteria", data=data, generated_by=generated_by)
    steps = data.rollup.steps
    ids = [row.assessment_id for row in data.rows]
    write_workbook(out, metadata=metadata, sheets=[
        Sheet("Authorities", AUTHORITY_HEADER, authority_rows(data.rows),
              widths=[12, 40, 28, 30, 20, 8, 10, 10, 12, 16, 26]),
        Sheet("Steps", STEP_LEVEL_HEADER, step_level_rows(data.rows, steps), widths=[12, 40, 8, 60, 10, 26, 10, 10]),
        Sheet("Criteria", CRITERIA_HEADER, criteria_rows(round_=round_, assessment_ids=ids),
              widths=[12, 40, 28, 30, 20, 8, 10, 60, 12, 12, 12, 12, 14, 60, 45, 45],
              link_columns=frozenset({CRITERIA_HEADER.index("Evidence")})),
        # Official statistics (official_statistics app): each authority's latest published values.
        Sheet("Official statistics", STATISTICS_HEADER, statistics_rows(round_=round_),
              widths=[40, 12, 45, 30, 16, 12, 16, 10, 14, 40, 45, 14, 60], link_columns=frozenset({10})),
    ])


def public_rollup(*, round_: Round) -> RoundRollup:
    """Only approved assessments are even read for the public page and its CSV."""
    return round_rollup(round_=round_, states=PUBLIC_STATES)


def public_csv(*, round_: Round) -> Iterator[str]:
    """The published round's approved results, as on its public page."""
    rollup = public_rollup(round_=round_)
    data = overview(rollup=rollup, filters=OverviewFilters())
    metadata = ExportMetadata(
        title="Published readiness results (approved assessments)",
        round=round_,
        counting_rule=f"Approved assessments only: {len(rollup.rows)}",
        filters="None",
        generated_by="Public download",
        licence=LICENCE_PUBLISHED,
    )
    return csv_lines(metadata=metadata, header=step_header(rollup.steps), rows=step_rows(data.rows))
