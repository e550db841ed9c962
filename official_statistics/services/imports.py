"""Import one ONS indicator folder: preview what would change, then apply it whole.

``dataset_import_preview`` writes nothing. ``dataset_import_apply`` locks the dataset,
checks again that it is still what the preview saw, and replaces the series of every
indicator in the file inside one transaction: a refused or failed import leaves the
previous series exactly as they were. Files identical to the ones imported last (same
digest) are no change at all, so loading the shipped set twice writes nothing.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from assessments.models import User
from assessments.services.errors import ActionRefused

from ..catalogue import CATALOGUE
from ..models import Dataset, Indicator, Observation
from ..periods import period_label
from .reader import ParsedDataset, read_dataset

BATCH = 5000
POSITIONS = {name: index for index, name in enumerate(CATALOGUE)}


@dataclass(frozen=True)
class IndicatorChange:
    name: str
    label: str
    rows: int
    areas: int
    periods: int
    first_period: str
    last_period: str
    added: int  # area x period rows not there before
    removed: int
    changed: int  # same area and period, different figures
    new_periods: list[str]
    is_new: bool

    @property
    def changes(self) -> bool:
        return self.is_new or bool(self.added or self.removed or self.changed)


@dataclass
class ImportPlan:
    slug: str
    digest: str
    base_digest: str  # the stored dataset's digest ('' if new): what the preview was made against
    is_new: bool
    same_files: bool
    release_date: object
    previous_release_date: object
    indicators: list[IndicatorChange] = field(default_factory=list)
    dropped_indicators: list[str] = field(default_factory=list)
    file_rows: int = 0
    kept_rows: int = 0
    duplicates: int = 0
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def changes(self) -> bool:
        return not self.same_files

    def summary(self) -> str:
        if self.same_files:
            return f"{self.slug}: unchanged (the same files as imported before)"
        parts = [f"+{c.added} -{c.removed} ~{c.changed} {c.label}" for c in self.indicators if c.changes]
        head = "new" if self.is_new else "updated"
        return f"{self.slug}: {head}, {self.kept_rows:,} rows kept of {self.file_rows:,}" + (f" ({'; '.join(parts)})" if parts and not self.is_new else "")


def dataset_import_preview(*, slug: str, csv_bytes: bytes, json_bytes: bytes) -> ImportPlan:
    """What importing the pair would change; UploadRefused (every problem, with rows) if it cannot."""
    parsed = read_dataset(slug=slug, csv_bytes=csv_bytes, json_bytes=json_bytes)
    return plan_import(parsed=parsed)


def plan_import(*, parsed: ParsedDataset) -> ImportPlan:
    """What applying the checked file would change, compared with the database (reads only)."""
    dataset = Dataset.objects.filter(slug=parsed.slug).first()
    plan = ImportPlan(
        slug=parsed.slug, digest=parsed.digest, base_digest=dataset.digest if dataset else "", is_new=dataset is None,
        same_files=dataset is not None and dataset.digest == parsed.digest, release_date=parsed.release_date,
        previous_release_date=dataset.release_date if dataset else None, file_rows=parsed.file_rows,
        kept_rows=len(parsed.rows), duplicates=parsed.duplicates, skipped=dict(parsed.skipped),
    )
    existing: dict[tuple, tuple] = {}
    old_periods: dict[str, set] = defaultdict(set)
    known = set()
    if dataset is not None:
        known = set(dataset.indicators.values_list("name", flat=True))
        stored = Observation.objects.filter(indicator__dataset=dataset).values_list(
            "indicator__name", "area_code", "period_start", "period_months", "value", "lower", "upper", "status")
        for name, code, start, months, value, lower, upper, status in stored.iterator(chunk_size=BATCH):
            existing[(name, code, start, months)] = (value, lower, upper, status)
            old_periods[name].add((start, months))
    by_indicator = defaultdict(list)
    for row in parsed.rows:
        by_indicator[row.indicator].append(row)
    for name, meta in parsed.indicators.items():
        rows = by_indicator.get(name, [])
        keys = {row.key for row in rows}
        periods = sorted({(row.period_start, row.period_months) for row in rows})
        old_keys = {key for key in existing if key[0] == name}
        plan.indicators.append(IndicatorChange(
            name=name, label=meta.label, rows=len(rows), areas=len({row.area_code for row in rows}), periods=len(periods),
            first_period=period_label(*periods[0]) if periods else "", last_period=period_label(*periods[-1]) if periods else "",
            added=len(keys - old_keys), removed=len(old_keys - keys),
            changed=sum(1 for row in rows if row.key in existing and existing[row.key] != row.figures),
            new_periods=[period_label(*p) for p in periods if p not in old_periods[name]] if name in known else [],
            is_new=name not in known,
        ))
    plan.dropped_indicators = sorted(known - set(parsed.indicators))
    return plan


def stored_digest(*, slug: str) -> str:
    return Dataset.objects.filter(slug=slug).values_list("digest", flat=True).first() or ""


def stored_release_date(*, slug: str):
    """The release date of the indicator file stored for ``slug``, or None if none is."""
    return Dataset.objects.filter(slug=slug).values_list("release_date", flat=True).first()


@transaction.atomic
def dataset_import_apply(
    *, parsed: ParsedDataset, user: User | None = None, expected_base_digest: str | None = None
) -> ImportPlan:
    """Replace the dataset's series with the checked file's (``read_dataset``), whole, or refuse and change nothing.

    ``expected_base_digest``: the stored digest the preview was made against; if another
    import has happened since, the preview is stale and this refuses.
    """
    slug = parsed.slug
    locked = Dataset.objects.select_for_update().filter(slug=slug).first()
    current = locked.digest if locked else ""
    if expected_base_digest is not None and expected_base_digest != current:
        raise ActionRefused(
            "Someone imported another file for this indicator after your preview. Nothing has been changed: upload your files again to see a fresh preview."
        )
    plan = plan_import(parsed=parsed)
    if plan.same_files:
        return plan
    now = timezone.now()
    dataset, _created = Dataset.objects.update_or_create(slug=slug, defaults={
        "source_org": parsed.source_org, "source_url": parsed.source_url, "release_date": parsed.release_date,
        "note": parsed.note, "digest": parsed.digest, "row_count": len(parsed.rows), "imported_at": now, "imported_by": user,
    })
    dataset.indicators.exclude(name__in=list(parsed.indicators)).delete()
    indicators = {}
    for name, meta in parsed.indicators.items():
        entry = CATALOGUE[name]
        indicator, _ = Indicator.objects.update_or_create(name=name, defaults={
            "dataset": dataset, "slug": slugify(name)[:200], "label": meta.label, "subtitle": meta.subtitle,
            "description": meta.description, "caveats": meta.caveats, "measure": meta.measure, "unit": meta.unit,
            "prefix": meta.prefix, "suffix": meta.suffix, "sub_text": meta.sub_text, "decimal_places": meta.decimal_places,
            "mission": entry.mission, "higher_is_better": entry.higher_is_better, "polarity_reason": entry.reason,
            "position": POSITIONS[name],
        })
        indicators[name] = indicator
    Observation.objects.filter(indicator__in=indicators.values()).delete()
    latest = _latest_keys(parsed)
    batch = []
    for row in parsed.rows:
        batch.append(Observation(
            indicator=indicators[row.indicator], area_code=row.area_code, area_name=row.area_name, area_type=row.area_type,
            period=row.period, period_start=row.period_start, period_months=row.period_months, value=row.value,
            lower=row.lower, upper=row.upper, status=row.status, notes=row.notes, latest=row.key in latest,
        ))
        if len(batch) >= BATCH:
            Observation.objects.bulk_create(batch)
            batch = []
    Observation.objects.bulk_create(batch)
    return plan


def _latest_keys(parsed: ParsedDataset) -> set[tuple]:
    """Each area's newest period with a value, per indicator."""
    newest: dict[tuple, tuple] = {}
    for row in parsed.rows:
        if row.value is None:
            continue
        area = (row.indicator, row.area_code)
        if area not in newest or (row.period_start, row.period_months) > newest[area][2:]:
            newest[area] = row.key
    return set(newest.values())


def folder_pairs(folder: Path) -> list[tuple[str, Path, Path]]:
    """(slug, csv, json) for every indicator folder under ``folder`` (each holds <slug>.csv and <slug>.json)."""
    pairs = []
    for directory in sorted(p for p in folder.iterdir() if p.is_dir()):
        csv_path, json_path = directory / f"{directory.name}.csv", directory / f"{directory.name}.json"
        if csv_path.exists() and json_path.exists():
            pairs.append((directory.name, csv_path, json_path))
    return pairs
