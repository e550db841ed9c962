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
