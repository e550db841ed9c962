"""Strategic-authority tiers, the GLA and lineage, loaded from the reference fixtures."""
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction

from assessments.models import Authority, AuthorityKind, AuthorityLink, Landscape, LinkKind, StrategicTier, TierPeriod
from assessments.selectors.devolution import tier_on
from assessments.services.authorities_load import AuthorityDataError, authorities_load

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "authorities"


@pytest.fixture
def loaded(db):
    return authorities_load(directory=FIXTURES)


def test_current_tier_counts(loaded):
    today = date(2026, 11, 30)
    tiers = {authority.short_name: tier_on(authority=authority, day=today) for authority in Authority.objects.all()}
    counts = {tier: sum(1 for value in tiers.values() if value == tier) for tier in StrategicTier.values}
    assert counts == {"established_mayoral": 7, "mayoral": 11, "foundation": 2}
    # Every one of the 20 current bodies has a tier; LEPs and abolished bodies have none.
    assert sum(1 for value in tiers.values() if value) == 20
    assert tiers["Greater Manchester LEP"] is None and tiers["North of Tyne"] is None


def test_tier_on_a_date_follows_the_periods(loaded):
    north_east = Authority.objects.get(code="E47000014")
    assert tier_on(authority=north_east, day=date(2024, 12, 15)) is None  # before the White Paper
    assert tier_on(authority=north_east, day=date(2025, 6, 1)) == StrategicTier.MAYORAL
    assert tier_on(authority=north_east, day=date(2026, 4, 1)) == StrategicTier.ESTABLISHED_MAYORAL
    # A month-only date counts from the month's first day.
    cumbria = Authority.objects.get(short_name="Cumbria")
    period = cumbria.tier_periods.get()
    assert (period.since, period.starts_on, period.tier) == ("2026-02", date(2026, 2, 1), StrategicTier.MAYORAL)


def test_devolution_facts_and_their_sources(loaded):
    gm = Authority.objects.get(code="E47000001")
    assert gm.mayoral is True and gm.first_mayoral_election == "2017-05-04"
    assert gm.integrated_settlement_from == "2025-26" and not gm.devolution_priority_programme
    assert "Integrated Settlement: policy document" in gm.devolution_source
    lancashire = Authority.objects.get(code="E47000018")
    assert lancashire.mayoral is False and lancashire.first_mayoral_election == ""
    programme = Authority.objects.filter(devolution_priority_programme=True)
    assert sorted(programme.values_list("short_name", flat=True)) == [
        "Cheshire and Warrington", "Cumbria", "Hampshire and the Solent", "Sussex and Brighton",
    ]
    assert Authority.objects.exclude(integrated_settlement_from="").count() == 7


def test_the_gla_is_its_own_kind_with_33_councils(loaded):
    gla = Authority.objects.get(code="E61000001")
    assert gla.kind == AuthorityKind.SA and gla.status_nov_2020 == "sa"
    councils = gla.constituents.filter(landscape=Landscape.CURRENT)
    assert councils.count() == 33
    assert set(councils.values_list("local_authority__code", flat=True)) == {f"E090000{n:02}" for n in range(1, 34)}
    assert tier_on(authority=gla, day=date(2026, 11, 30)) == StrategicTier.ESTABLISHED_MAYORAL


def test_each_lineage_link(loaded):
    links = {
        (link.predecessor.short_name, link.successor.short_name, link.on, link.kind)
        for link in AuthorityLink.objects.select_related("predecessor", "successor")
    }
    assert links == {
        (_short("E47000010"), _short("E47000014"), date(2024, 5, 7), LinkKind.MERGER),
        (_short("E47000011"), _short("E47000014"), date(2024, 5, 7), LinkKind.MERGER),
        ("South Yorkshire", "South Yorkshire", date(2021, 9, 1), LinkKind.RENAME),
        *(
            (_short(code), _short(code), on, LinkKind.ONS_NAME_CHANGE)
            for code, on in [
                ("E37000043", date(2021, 4, 1)), ("E37000058", date(2021, 4, 1)), ("E37000054", date(2022, 12, 1)),
                ("E37000011", date(2022, 12, 31)), ("E37000045", date(2022, 12, 31)), ("E37000051", date(2022, 12, 31)),
                ("E37000053", date(2022, 12, 31)),
            ]
        ),
    }
    rename = AuthorityLink.objects.get(kind=LinkKind.RENAME)
    assert rename.predecessor_name == "Sheffield City Region Combined Authority"
    assert len(loaded.links_outside) == 7  # E47000005 and the 2021 LEP recodes are not authorities here


def _short(code: str) -> str:
    return Authority.objects.get(code=code).short_name


def test_loading_twice_changes_nothing(loaded):
    again = authorities_load(directory=FIXTURES)
    assert not again.changed
    assert (again.tiers.unchanged, again.links.unchanged) == (24, 10)


def test_a_bad_tier_refuses_the_whole_load(db, tmp_path):
    import shutil

    copy = tmp_path / "authorities"
    shutil.copytree(FIXTURES, copy)
    path = copy / "strategic_authorities.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",established_mayoral,2025-04-01,", ",top,2025-04-01,", 1))
    with pytest.raises(AuthorityDataError, match=r"strategic_authorities.csv line 2: tier: 'top' is not a tier"):
        authorities_load(directory=copy)
    assert not Authority.objects.exists()


def test_database_refuses_two_periods_starting_the_same_day_and_a_rename_between_two_bodies(loaded):
    gm = Authority.objects.get(code="E47000001")
    with pytest.raises(IntegrityError), transaction.atomic():
        TierPeriod.objects.create(authority=gm, tier=StrategicTier.MAYORAL, starts_on=date(2025, 4, 1), since="2025-04-01")
    with pytest.raises(IntegrityError), transaction.atomic():
        AuthorityLink.objects.create(
            predecessor=gm, successor=Authority.objects.get(code="E47000002"), on=date(2020, 1, 1), kind=LinkKind.RENAME
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        AuthorityLink.objects.create(predecessor=gm, successor=gm, on=date(2020, 1, 1), kind=LinkKind.MERGER)
