"""The official statistics pages (profile section, national page, administration, public page), with their data."""
from django.urls import reverse

from assessments.models import Constituent, Landscape, LocalAuthority
from official_statistics.services.imports import dataset_import_apply
from official_statistics.services.reader import read_dataset
from tests.official_statistics.helpers import csv_bytes, json_bytes, row

from . import data
from .page_types import PageType, Scene

GVA, DRIVE = "Gross value added per hour worked", "Drive to work"


def statistics(scene: Scene) -> None:
    """The authority's own GVA series, England's, and a councils-only indicator for its two member councils."""
    authority = scene.assessment.authority
    for code, name in (("E08000003", "Manchester"), ("E08000009", "Trafford")):
        council, _ = LocalAuthority.objects.get_or_create(code=code, defaults={"name": name, "region": "North West"})
        Constituent.objects.get_or_create(authority=authority, local_authority=council, landscape=Landscape.CURRENT)
    rows = [row(authority.code, authority.name, f"{year}-01-01/P1Y", str(30 + year % 10)) for year in range(2018, 2024)]
    rows += [row("E92000001", "England", f"{year}-01-01/P1Y", str(35 + year % 5), geography="Nation") for year in range(2018, 2024)]
    dataset_import_apply(parsed=read_dataset(slug="gross-value-added", csv_bytes=csv_bytes(*rows), json_bytes=json_bytes()))
    councils = [row(code, name, "2019-01-01/P1Y", value, indicator=DRIVE, geography="Local Authority District")
                for code, name, value in (("E08000003", "Manchester", "9.5"), ("E08000009", "Trafford", "11.0"))]
    dataset_import_apply(parsed=read_dataset(slug="average-travel-time", csv_bytes=csv_bytes(*councils), json_bytes=json_bytes(DRIVE)))


def _profile(scene: Scene) -> str:
    statistics(scene)
    return reverse("dashboard-authority", args=[scene.assessment.authority_id]) + "#official-statistics"


def _indicators(scene: Scene) -> str:
    statistics(scene)
    data.approved(scene.assessment, scene.people)
    return reverse("statistics-indicators")


def _manage(scene: Scene) -> str:
    statistics(scene)
    return reverse("manage-statistics")


def _import(status: str, **fields):
    """An admin's statistics import at one stage (as the task leaves it), and its progress page."""
    def build(scene: Scene) -> str:
        from django.utils import timezone

        from official_statistics.models import ImportRun

        finished = {"finished_at": timezone.now()} if status in ("done", "failed") else {}
        run = ImportRun.objects.create(dataset_slug="gross-value-added", digest="0" * 64, requested_by=scene.people["admin"],
                                       status=status, started_at=timezone.now(), **finished, **fields)
        return reverse("manage-statistics-import", args=[run.pk])
    return build


def _public(scene: Scene) -> str:
    statistics(scene)
    data.published(scene.assessment, scene.people)
    return reverse("public-round-statistics", args=[scene.assessment.round_id])


STATISTICS_PAGES = [
    PageType("profile with official statistics", "viewer", "Greater Manchester Combined Authority", _profile),
    PageType("official statistics by authority", "reviewer", "Official statistics by authority", _indicators),
    PageType("manage official statistics", "admin", "Official statistics", _manage),
    PageType("upload official statistics", "admin", "Upload a newer file for one indicator", lambda scene: reverse("manage-statistics-upload")),
    PageType("statistics import in progress", "admin", "Importing gross-value-added", _import("writing", rows=16_403)),
    PageType("statistics import done", "admin", "Imported gross-value-added",
             _import("done", rows=16_403, summary="gross-value-added: updated, 16,403 rows kept of 16,403")),
    PageType("statistics import failed", "admin", "gross-value-added was not imported",
             _import("failed", error="Someone imported another file for this indicator after your preview.")),
    PageType("published official statistics", None, "Official statistics of the authorities with published results", _public),
]
