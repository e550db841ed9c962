"""The authority reference loader against the real fixtures, and its refusals."""
import shutil
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from assessments.models import Authority, AuthorityKind, Constituent, Landscape, LocalAuthority
from assessments.services.authorities_load import AuthorityDataError, authorities_load

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "authorities"


def row_counts() -> tuple[int, int, int]:
    return LocalAuthority.objects.count(), Authority.objects.count(), Constituent.objects.count()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixtures, to edit."""
    copy = tmp_path / "authorities"
    shutil.copytree(FIXTURES, copy)
    return copy


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.django_db
def test_loads_all_authorities_by_kind():
    report = authorities_load(directory=FIXTURES)

    counts = {kind: Authority.objects.filter(kind=kind).count() for kind in AuthorityKind.values}
    assert counts == {"mca": 12, "ca": 3, "cca": 6, "lep": 38, "sa": 1}
    assert report.authorities.created == 60
    assert LocalAuthority.objects.count() == 322
    assert Authority.objects.filter(code__isnull=True).count() == 4


@pytest.mark.django_db
def test_greater_manchester_and_its_ten_councils():
    authorities_load(directory=FIXTURES)

    gm = Authority.objects.get(code="E47000001")
    assert gm.short_name == "Greater Manchester"
    assert gm.kind == AuthorityKind.MCA and gm.has_mayor
    assert gm.established == "2011-04-01" and gm.abolished is None
    assert gm.status_nov_2020 == "mca"
    assert "first elected mayor May 2017" in gm.notes
    current = gm.constituents.filter(landscape=Landscape.CURRENT)
    assert current.count() == 10
    assert current.filter(local_authority__name="Manchester").exists()


@pytest.mark.django_db
def test_parses_types_and_keeps_a_year_only_establishment():
    authorities_load(directory=FIXTURES)

    cumbria = Authority.objects.get(code__isnull=True, short_name="Cumbria")
    assert cumbria.established == "2026"
    assert cumbria.constituents.filter(landscape=Landscape.CURRENT).exists()
    north_of_tyne = Authority.objects.get(code="E47000011")
    assert north_of_tyne.abolished == date(2024, 5, 7)
    # The LEP with the same short name as the CA is kept apart by its suffix.
    assert Authority.objects.get(code="E37000015").short_name == "Greater Manchester LEP"
    allerdale = LocalAuthority.objects.get(code="E07000026")
    assert not allerdale.current and allerdale.end_date == date(2023, 4, 1)


@pytest.mark.django_db
def test_2020_landscape_has_the_ten_combined_authorities_of_the_time():
    authorities_load(directory=FIXTURES)

    in_2020 = Authority.objects.filter(constituents__landscape=Landscape.NOV_2020).distinct()
    combined = in_2020.exclude(kind=AuthorityKind.LEP)
    assert combined.count() == 10
    assert in_2020.filter(kind=AuthorityKind.LEP).count() == 38
    # Bodies created since 2020 have no members in the 2020 landscape.
    assert not combined.filter(code__in=["E47000013", "E47000014"]).exists()
    assert Constituent.objects.filter(landscape=Landscape.NOV_2020).count() == 382


@pytest.mark.django_db
def test_rerun_changes_nothing():
    authorities_load(directory=FIXTURES)
    before = row_counts()

    report = authorities_load(directory=FIXTURES)

    assert row_counts() == before
    assert (report.created, report.updated, report.removed) == (0, 0, 0)
    assert not report.changed
    assert "Total: 0 created, 0 updated, 0 removed" in report.lines()


@pytest.mark.django_db
def test_changed_name_updates_by_code_without_duplicating(data_copy: Path):
    authorities_load(directory=FIXTURES)
    before = row_counts()
    replace_in(data_copy / "authorities.csv", "Greater Manchester Combined Authority", "GM CA (renamed)")

    report = authorities_load(directory=data_copy)

    assert row_counts() == before
    assert Authority.objects.get(code="E47000001").name == "GM CA (renamed)"
    assert (report.authorities.created, report.authorities.updated) == (0, 1)


@pytest.mark.django_db
def test_membership_dropped_from_file_is_removed(data_copy: Path):
    authorities_load(directory=FIXTURES)
    lines = (data_copy / "memberships.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("E47000001,E08000001,")]
    (data_copy / "memberships.csv").write_text("".join(kept), encoding="utf-8")

    report = authorities_load(directory=data_copy)

    assert report.members[Landscape.CURRENT].removed == 1
    gm = Authority.objects.get(code="E47000001")
    assert gm.constituents.filter(landscape=Landscape.CURRENT).count() == 9
    # The same council stays a member in the 2020 landscape: removal is per landscape.
    assert gm.constituents.filter(landscape=Landscape.NOV_2020, local_authority__code="E08000001").exists()


@pytest.mark.django_db
def test_uncoded_body_gets_its_code_in_place(data_copy: Path):
    authorities_load(directory=FIXTURES)
    cumbria_id = Authority.objects.get(short_name="Cumbria").pk
    replace_in(data_copy / "authorities.csv", "\n,Cumbria Combined", "\nE47000099,Cumbria Combined")
    replace_in(data_copy / "authority_notes.csv", "\n,Cumbria,", "\nE47000099,Cumbria,")

    authorities_load(directory=data_copy)

    assert Authority.objects.get(code="E47000099").pk == cumbria_id
    assert Authority.objects.count() == 60


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (",Greater Manchester,mca,", ",Greater Manchester,mayoral,", "line 2: kind: 'mayoral' is not a kind"),
        ("E47000001,Greater Manchester Combined", "E4700001,Greater Manchester Combined", "'E4700001' is not a GSS code"),
        (",Greater Manchester,mca,true,", ",Greater Manchester,mca,maybe,", "has_mayor must be true or false"),
        (",2024-05-07,", ",7 May 2024,", "abolished: '7 May 2024' is not a date"),
    ],
)
def test_bad_row_raises_and_writes_nothing(data_copy: Path, old: str, new: str, message: str):
    replace_in(data_copy / "authorities.csv", old, new)

    with pytest.raises(AuthorityDataError, match=message):
        authorities_load(directory=data_copy)

    assert row_counts() == (0, 0, 0)


@pytest.mark.django_db
def test_unknown_council_in_memberships_raises(data_copy: Path):
    replace_in(data_copy / "memberships.csv", "E47000001,E08000001,", "E47000001,E08999999,")

    with pytest.raises(AuthorityDataError, match=r"memberships.csv line 2: council E08999999"):
        authorities_load(directory=data_copy)
    assert row_counts() == (0, 0, 0)


@pytest.mark.django_db
def test_command_reports_and_refuses_bad_data(data_copy: Path):
    out = StringIO()
    call_command("load_authorities", stdout=out)
    assert "Authorities: 60 created" in out.getvalue()

    out = StringIO()
    call_command("load_authorities", stdout=out)
    assert "Total: 0 created, 0 updated, 0 removed" in out.getvalue()

    replace_in(data_copy / "authorities.csv", ",Greater Manchester,mca,", ",Greater Manchester,xx,")
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load_authorities", directory=data_copy)


@pytest.mark.django_db
def test_a_restart_keeps_an_admins_tier_edit(capsys):
    """``make run`` and deploys load with ``--only-if-empty``: a tier period an admin added stays."""
    from assessments.models import TierPeriod

    call_command("load_authorities", "--only-if-empty", verbosity=0)
    gm = Authority.objects.get(code="E47000001")
    edit = TierPeriod.objects.create(authority=gm, starts_on=date(2026, 11, 1), since="2026-11-01", tier="established_mayoral",
                                     source="Admin: a test edit")
    call_command("load_authorities", "--only-if-empty")
    assert "Authorities already loaded: kept as they are" in capsys.readouterr().out
    assert TierPeriod.objects.filter(pk=edit.pk).exists()

    call_command("load_authorities", verbosity=0)  # the plain command makes the files the truth again
    assert not TierPeriod.objects.filter(pk=edit.pk).exists()
