"""A round covers exactly the authorities that existed on its landscape's date, with that
landscape's councils and regions, and the kind each had then (real reference data)."""
import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from assessments.models import Authority, AuthorityKind, Constituent, Landscape
from assessments.selectors.dashboards import round_rollup
from assessments.services.authorities_load import authorities_load
from assessments.services.manage_rounds import round_open
from tests.factories import AdminFactory, RoundFactory

pytestmark = pytest.mark.django_db
FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "authorities"
ALL_KINDS = list(AuthorityKind.values)
# The ten combined authorities of November 2020 (ONS LAD20-CAUTH20, December 2020).
CAS_2020 = {
    "Greater Manchester", "Liverpool City Region", "South Yorkshire", "West Yorkshire", "Tees Valley",
    "West Midlands", "West of England", "Cambridgeshire and Peterborough", "North of Tyne", "North East (2014-2024)",
}
# Today's 19 combined and combined county authorities (none abolished, three set up in 2026).
CAS_TODAY = {
    "Greater Manchester", "Liverpool City Region", "South Yorkshire", "West Yorkshire", "Tees Valley",
    "West Midlands", "West of England", "Cambridgeshire and Peterborough", "York and North Yorkshire",
    "North East", "Hull and East Yorkshire", "East Midlands", "Devon and Torbay", "Greater Lincolnshire",
    "Lancashire", "Sussex and Brighton", "Hampshire and the Solent", "Cheshire and Warrington", "Cumbria",
}


@pytest.fixture
def admin():
    authorities_load(directory=FIXTURES)
    return AdminFactory()


def opened(admin, **round_fields):
    round_ = RoundFactory(not_yet_open=True, **round_fields)
    round_open(round_=round_, user=admin)
    return round_


def covered(round_) -> dict[str, str]:
    return dict(round_.assessments.values_list("authority__short_name", "authority__kind"))


def test_the_november_2020_landscape_covers_the_ten_cas_and_38_leps_of_then(admin):
    round_ = opened(admin, landscape=Landscape.NOV_2020, covers_kinds=ALL_KINDS,
                    opens_on=datetime.date(2020, 12, 1), closes_on=datetime.date(2021, 3, 31))

    authorities = covered(round_)
    leps = {name for name, kind in authorities.items() if kind == AuthorityKind.LEP}
    cas = {name for name, kind in authorities.items() if kind not in (AuthorityKind.LEP, AuthorityKind.SA)}
    assert len(authorities) == 49 and len(leps) == 38
    assert cas == CAS_2020
    # The GLA existed in 2020 too, with its elected Mayor; it is covered when its kind is chosen.
    assert authorities["Greater London"] == AuthorityKind.SA


def test_the_current_landscape_covers_todays_bodies_only(admin):
    round_ = opened(admin, landscape=Landscape.CURRENT, covers_kinds=ALL_KINDS)

    authorities = covered(round_)
    assert set(authorities) == CAS_TODAY | {"Greater London"}
    assert AuthorityKind.LEP not in authorities.values()


def test_a_2020_round_filters_on_the_kind_each_authority_had_in_2020(admin):
    # West Yorkshire had no mayor until May 2021 and the 2014 North East CA never had one:
    # a 2020 round of mayoral combined authorities has eight, not today's list.
    round_ = opened(admin, landscape=Landscape.NOV_2020, covers_kinds=[AuthorityKind.MCA])

    assert set(covered(round_)) == CAS_2020 - {"West Yorkshire", "North East (2014-2024)"}


def test_a_2020_round_shows_2020_councils_and_regions(admin):
    round_ = opened(admin, landscape=Landscape.NOV_2020, covers_kinds=ALL_KINDS)

    rows = {row.short_name: row for row in round_rollup(round_=round_).rows}
    assert rows["North of Tyne"].regions == ("North East",)
    assert rows["North East (2014-2024)"].regions == ("North East",)
    assert rows["Greater Lincolnshire LEP"].regions == ("East Midlands", "Yorkshire and The Humber")
    assert "East Midlands" not in {r for name, row in rows.items() if not name.endswith("LEP") for r in row.regions}
    # Barnsley had its 2020 code then (recoded in 2025): the round's councils are 2020's.
    south_yorkshire = Authority.objects.get(short_name="South Yorkshire")
    codes_2020 = set(Constituent.objects.filter(authority=south_yorkshire, landscape=round_.landscape)
                     .values_list("local_authority__code", flat=True))
    assert "E08000016" in codes_2020 and "E08000038" not in codes_2020


def test_an_authority_abolished_after_the_landscape_date_is_still_covered_but_not_one_abolished_before(admin):
    north_of_tyne = Authority.objects.get(short_name="North of Tyne")
    north_of_tyne.abolished = datetime.date(2020, 11, 30)  # abolished on the day: gone by then
    north_of_tyne.save()

    round_ = opened(admin, landscape=Landscape.NOV_2020, covers_kinds=[AuthorityKind.MCA, AuthorityKind.CA])

    assert set(covered(round_)) == CAS_2020 - {"North of Tyne"}


def test_a_body_set_up_before_a_current_round_opens_is_covered(admin):
    day = timezone.localdate() + datetime.timedelta(days=5)
    Authority.objects.create(short_name="Future", name="Future Combined Authority", kind=AuthorityKind.CA,
                             established=day.isoformat())

    round_ = opened(admin, landscape=Landscape.CURRENT, covers_kinds=[AuthorityKind.CA],
                    opens_on=day, closes_on=day + datetime.timedelta(days=30))
    later = opened(admin, landscape=Landscape.CURRENT, covers_kinds=[AuthorityKind.CA],
                   opens_on=day - datetime.timedelta(days=1), closes_on=day + datetime.timedelta(days=30))

    assert "Future" in covered(round_) and "Future" not in covered(later)


def test_adding_one_authority_to_a_2020_round_offers_only_bodies_of_2020(admin):
    from assessments.services.manage_rounds import addable_authorities

    round_ = RoundFactory(landscape=Landscape.NOV_2020, covers_kinds=[AuthorityKind.MCA])
    offered = set(addable_authorities(round_=round_).values_list("short_name", flat=True))
    assert "North of Tyne" in offered and "Solent LEP" in offered
    assert "East Midlands" not in offered and "Sussex and Brighton" not in offered
