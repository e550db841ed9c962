"""Crafted ONS-style files for the importer tests, and the shipped folder's location."""
import json
import shutil
from pathlib import Path

from django.conf import settings

SHIPPED = Path(settings.BASE_DIR) / "fixtures" / "statistics" / "ons-explore-local-statistics"
HEADER = "areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes"
INDICATOR = "Gross value added per hour worked"


def csv_bytes(*lines: str, bom: bool = False) -> bytes:
    text = "\r\n".join([HEADER, *lines]) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def row(code="E47000001", name="Greater Manchester", period="2023-01-01/P1Y", value="39.5", *, indicator=INDICATOR,
        geography="Combined Authority or City Region", lci="", uci="", status="", notes="") -> str:
    quoted = f'"{name}"' if "," in name else name
    return f"{code},{quoted},{geography},{indicator},{period},{value},Pounds,£,{lci},{uci},{status},{notes}"


def json_bytes(*indicators: str, source_date="19/06/2025", decimal_places=1) -> bytes:
    names = indicators or (INDICATOR,)
    meta = {"shared": {"prefix": "GBPSign", "suffix": None, "subText": None, "decimalPlaces": decimal_places,
                       "sourceDate": source_date, "sourceURL": "https://www.ons.gov.uk/economy/productivity",
                       "sourceOrg": "Office for National Statistics", "caveats": None}}
    for name in names:
        meta[name] = {"label": name, "subtitle": "", "longDescription": f"About {name}."}
    return json.dumps({"_note": "test file", "ess-beta-metadata": meta}).encode("utf-8")


def write_folder(root: Path, slug: str, csv_content: bytes, json_content: bytes) -> Path:
    folder = root / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{slug}.csv").write_bytes(csv_content)
    (folder / f"{slug}.json").write_bytes(json_content)
    return root


def copy_shipped(root: Path, *slugs: str) -> Path:
    for slug in slugs:
        shutil.copytree(SHIPPED / slug, root / slug)
    return root


def reimport_with(folder: Path, slug: str, change) -> None:
    """Rewrite the copied ``slug`` CSV under ``folder`` with ``change(row)`` applied to every row
    (a dict; change it in place), then load the folder again: a newer file for the same dataset."""
    import csv

    from django.core.management import call_command

    path = folder / slug / f"{slug}.csv"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        fieldnames, rows = reader.fieldnames, list(reader)
    for row in rows:
        change(row)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames)
        writer.writeheader()
        writer.writerows(rows)
    call_command("load_statistics", str(folder), verbosity=0)


def councils_with_values(authority, count: int = 2, *, joined: int = 1) -> list:
    """``count`` councils that ONS publishes values for, made local authorities; the first
    ``joined`` of them made members of ``authority`` (the rest are left to join later)."""
    from assessments.models import Constituent, Landscape, LocalAuthority
    from official_statistics.models import Observation

    codes = (Observation.objects.filter(area_type="council", latest=True, value__isnull=False)
             .order_by("area_code").values_list("area_code", flat=True).distinct()[:count])
    councils = [LocalAuthority.objects.create(code=code, name=f"Member council {i}") for i, code in enumerate(codes)]
    for council in councils[:joined]:
        Constituent.objects.create(authority=authority, local_authority=council, landscape=Landscape.CURRENT)
    return councils
