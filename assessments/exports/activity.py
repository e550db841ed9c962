"""An assessment's activity trail as CSV: the same entries as the page, oldest first, with metadata."""
from __future__ import annotations

from collections.abc import Iterator

from assessments.dates import govuk_datetime
from assessments.models import Assessment
from assessments.selectors.activity import ACTIVITY_KINDS, assessment_activity

from .csv_export import csv_lines
from .metadata import ExportMetadata

ACTIVITY_HEADER = ["When", "When (ISO 8601)", "Type", "Who", "Role", "What", "Before", "After", "Note"]


def activity_csv(*, assessment: Assessment, kind: str, generated_by: str) -> Iterator[str]:
    entries = list(reversed(assessment_activity(assessment=assessment, kind=kind)))  # oldest first
    metadata = ExportMetadata(
        title=f"Activity trail of {assessment.authority.name}'s assessment",
        round=assessment.round,
        counting_rule=f"Every recorded event of this assessment: {len(entries)}",
        filters=f"Type: {ACTIVITY_KINDS[kind]}" if kind else "None (every type of event)",
        generated_by=generated_by,
    )
    rows = (
        [govuk_datetime(e.when), e.when.isoformat(), e.kind_label, str(e.who) if e.who else "Unknown", e.role,
         e.what, e.before, e.after, e.note]
        for e in entries
    )
    return csv_lines(metadata=metadata, header=ACTIVITY_HEADER, rows=rows)
