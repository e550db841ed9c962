"""The importer against crafted files: the format's quirks read right; every bad file refused whole, with its row."""
import pytest
from django.core.management import CommandError, call_command

from assessments.services.manage_authorities_csv import UploadRefused
from official_statistics.models import Dataset, Observation
from official_statistics.services.imports import dataset_import_apply, dataset_import_preview
from official_statistics.services.reader import read_dataset

from .helpers import INDICATOR, csv_bytes, json_bytes, row, write_folder

SLUG = "gross-value-added"
GOOD = csv_bytes(
    row("E47000001", "Greater Manchester", "2022-01-01/P1Y", "38.0"),
    row("E47000001", "Greater Manchester", "2023-01-01/P1Y", "39.5"),
    row("E08000003", "Manchester", "2023-01-01/P1Y", "41.0", geography="Local Authority District"),
    row("E92000001", "England", "2023-01-01/P1Y", "40.0", geography="Nation"),
)


def load(csv_content=GOOD, json_content=None, slug=SLUG):
    parsed = read_dataset(slug=slug, csv_bytes=csv_content, json_bytes=json_content or json_bytes())
    return dataset_import_apply(parsed=parsed)


def snapshot():
    return (
        list(Dataset.objects.values_list("slug", "digest", "release_date")),
        list(Observation.objects.order_by("pk").values_list("pk", "area_code", "period", "value", "latest")),
    )


@pytest.mark.django_db
def test_quirks_of_the_real_format_are_read_as_data():
    content = csv_bytes(
        row("E47000001", "Greater Manchester", "2023-01-01/P1Y", "39.5", lci="38.1", uci="40.9"),
        # The same combined authority listed again under another geography label, same figures: kept once.
        row("E47000001", "Greater Manchester", "2023-01-01/P1Y", "39.5", geography="ITL Level 2", lci="38.1", uci="40.9"),
        row("E47000001", "Greater Manchester", "2011-01-01/P3Y", "30.0"),
        row("E47000001", "Greater Manchester", "2026-01-01", "31.0"),
        row("E06000058", "Bournemouth, Christchurch and Poole", "2023-01-01/P1Y", "", geography="County or Unitary Authority", status="x"),
        row("S12000033", "Aberdeen City", "2023-01-01/P1Y", "35.0", geography="Local Authority District"),
        row("TLC3", "Tees Valley", "2023-01-01/P1Y", "35.0", geography="ITL Level 2"),
        bom=True,
    )
    plan = load(content)
    assert plan.kept_rows == 4 and plan.duplicates == 1 and plan.file_rows == 7
    assert plan.skipped == {"Scotland (outside England)": 1, "ITL regions (another geography)": 1}
    bcp = Observation.objects.get(area_code="E06000058")
    assert bcp.area_name == "Bournemouth, Christchurch and Poole" and bcp.value is None and bcp.status == "x" and not bcp.latest
    three_year = Observation.objects.get(area_code="E47000001", period="2011-01-01/P3Y")
    assert three_year.period_months == 36
    snapshot_row = Observation.objects.get(area_code="E47000001", period="2026-01-01")
    assert snapshot_row.period_months == 0 and snapshot_row.latest  # the newest period with a value
    with_bounds = Observation.objects.get(area_code="E47000001", period="2023-01-01/P1Y")
    assert (with_bounds.lower, with_bounds.upper) == (38.1, 40.9)
    # Without the byte-order mark, the same data (a different file, so a new digest, but no change to the rows).
    plan = dataset_import_preview(slug=SLUG, csv_bytes=content[3:], json_bytes=json_bytes())
    assert not plan.same_files and [(c.added, c.removed, c.changed) for c in plan.indicators] == [(0, 0, 0)]


BAD_FILES = {
    "observation not a number": (csv_bytes(row(), row(period="2022-01-01/P1Y", value="n/a")), 3, "observation"),
    "period without a date": (csv_bytes(row(), row(), row(period="2023/P1Y")), 4, "period"),
    "period with an unknown duration": (csv_bytes(row(period="2023-01-01/P1W")), 2, "period"),
    "bounds the wrong way round": (csv_bytes(row(), row(period="2022-01-01/P1Y", lci="41", uci="39")), 3, "lci_95"),
    "the same area and period with other figures": (csv_bytes(row(), row(value="40.1", geography="ITL Level 2")), 3, "observation"),
    "an indicator nobody has decided a direction for": (csv_bytes(row(), row(indicator="Number of pigeons")), 3, "indicator"),
    "a row with a cell too many": (csv_bytes(row(), row() + ",extra"), 3, ""),
    "a row cut short": (csv_bytes(row(), "E47000001,Greater Manchester,Combined Authority or City Region"), 3, ""),
    "an empty area code": (csv_bytes(row(), row(code="")), 3, "areacd"),
    "a missing column": (b"areacd,areanm,indicator,period,observation\r\nE47000001,GM,x,2023-01-01/P1Y,1\r\n", 1, "geography"),
    "not UTF-8": (csv_bytes(row()).replace(b"Greater", b"Gr\xe9ater"), 0, ""),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_is_refused_whole_with_its_row_and_nothing_changes(case):
    load()
    before = snapshot()
    content, line, column = BAD_FILES[case]
    with pytest.raises(UploadRefused) as refused:
        load(content)
    assert any(p.row == line and p.column == column for p in refused.value.problems), refused.value.problems
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("metadata, column", [
    (b"{not json", "metadata"),
    (json_bytes(source_date="June 2025"), "sourceDate"),
    (json_bytes(decimal_places=12), "decimalPlaces"),
    (json_bytes("Gross value added per filled job"), "metadata"),  # describes another indicator, not the file's
])
def test_bad_metadata_is_refused_whole(metadata, column):
    load()
    before = snapshot()
    with pytest.raises(UploadRefused) as refused:
        load(json_content=metadata)
    assert any(p.column == column for p in refused.value.problems), refused.value.problems
    assert snapshot() == before


@pytest.mark.django_db
def test_a_newer_file_replaces_the_series_and_says_what_changed():
    load()
    newer = csv_bytes(
        row("E47000001", "Greater Manchester", "2022-01-01/P1Y", "38.2"),  # revised
        row("E47000001", "Greater Manchester", "2023-01-01/P1Y", "39.5"),
        row("E47000001", "Greater Manchester", "2024-01-01/P1Y", "40.5"),  # a new year
        row("E92000001", "England", "2023-01-01/P1Y", "40.0", geography="Nation"),  # Manchester's row gone
    )
    plan = load(newer, json_bytes(source_date="18/06/2026"))
    [change] = plan.indicators
    assert (change.added, change.removed, change.changed, change.new_periods) == (1, 1, 1, ["2024"])
    assert Dataset.objects.get(slug=SLUG).release_date.isoformat() == "2026-06-18"
    assert Observation.objects.get(area_code="E47000001", latest=True).value == 40.5
    assert not Observation.objects.filter(area_code="E08000003").exists()
    assert "2024" in plan.summary() or "+1 -1 ~1" in plan.summary()


@pytest.mark.django_db
def test_a_folder_with_one_bad_file_loads_nothing(tmp_path, capsys):
    write_folder(tmp_path, SLUG, GOOD, json_bytes())
    write_folder(tmp_path, "employment-rate", csv_bytes(row(indicator="Employment rate", value="lots")), json_bytes("Employment rate"))
    with pytest.raises(CommandError, match="Nothing loaded: 1 of 2"):
        call_command("load_statistics", str(tmp_path))
    assert "employment-rate: row 2 observation" in capsys.readouterr().err
    assert not Dataset.objects.exists() and not Observation.objects.exists()


@pytest.mark.django_db
def test_the_command_is_idempotent_and_reports_a_replaced_file(tmp_path):
    write_folder(tmp_path, SLUG, GOOD, json_bytes())
    call_command("load_statistics", str(tmp_path), verbosity=0)
    before = snapshot()
    call_command("load_statistics", str(tmp_path), verbosity=0)
    assert snapshot() == before
    write_folder(tmp_path, SLUG, csv_bytes(row(value="39.9")), json_bytes())
    from io import StringIO
    out = StringIO()
    call_command("load_statistics", str(tmp_path), stdout=out)
    assert "1 loaded or replaced" in out.getvalue() and f"{SLUG}: updated" in out.getvalue()
    assert list(Observation.objects.values_list("value", flat=True)) == [39.9]
    assert INDICATOR in out.getvalue() or "~1" in out.getvalue()


@pytest.mark.django_db
def test_reloading_the_shipped_files_never_undoes_an_admins_newer_upload(tmp_path, capsys):
    """``make run`` loads the shipped folder on every start: an indicator an admin has since
    replaced with a newer release keeps the newer one, and the command says so."""
    write_folder(tmp_path, SLUG, GOOD, json_bytes(source_date="19/06/2025"))
    call_command("load_statistics", str(tmp_path), verbosity=0)
    newer = csv_bytes(row("E47000001", "Greater Manchester", "2024-01-01/P1Y", "40.5"))
    load(newer, json_bytes(source_date="18/06/2026"))  # the admin's upload
    after_upload = snapshot()

    call_command("load_statistics", str(tmp_path))
    assert snapshot() == after_upload
    assert "kept the stored release of 18 June 2026; this file's (19 June 2025) is older" in capsys.readouterr().out

    call_command("load_statistics", str(tmp_path), "--allow-older", verbosity=0)
    assert Dataset.objects.get(slug=SLUG).release_date.isoformat() == "2025-06-19"
