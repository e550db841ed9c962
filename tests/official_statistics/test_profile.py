"""The 'Official statistics' section of an authority's profile, on the real GVA file."""
import csv
import re
import statistics

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Constituent, Landscape, LocalAuthority
from official_statistics.selectors.profile import authority_statistics
from tests.factories import AuthorityFactory, ReviewerFactory, UserFactory

from .helpers import SHIPPED

GVA = "Gross value added per hour worked"


def file_values(code: str) -> dict[str, float]:
    """period -> observation of GVA per hour worked for one area, read straight from the shipped file."""
    with open(SHIPPED / "gross-value-added" / "gross-value-added.csv", encoding="utf-8-sig", newline="") as handle:
        return {r["period"]: float(r["observation"]) for r in csv.DictReader(handle)
                if r["areacd"] == code and r["indicator"] == GVA and r["observation"]}


def figures_of(stats, name=GVA):
    return next(f for _, items in stats.missions for f in items if f.indicator.name == name)


def section(html: str) -> str:
    return html[html.index('id="official-statistics"'):]


def row_of(html: str, slug: str) -> str:
    """The indicator's row, nested tables (its figures, its councils) included."""
    start = html.index(f'id="statistic-{slug}"')
    following = html.find('id="statistic-', start + 1)
    return html[start:following if following != -1 else len(html)]


@pytest.mark.django_db
def test_greater_manchester_shows_the_files_latest_gva_per_hour(gva_loaded, client):
    gm = AuthorityFactory(code="E47000001", short_name="Greater Manchester")
    values = file_values("E47000001")
    latest_period = max(values)  # ISO dates with the same duration sort in time order
    previous_period = sorted(values)[-2]
    figures = figures_of(authority_statistics(authority=gm))
    assert figures.basis == "authority"
    assert figures.latest.value == values[latest_period]
    assert figures.latest.period_label == latest_period[:4]
    assert figures.previous.value == values[previous_period]
    assert figures.change == pytest.approx(values[latest_period] - values[previous_period])
    # Ranked among the combined authorities with a value in the same year, highest first.
    with open(SHIPPED / "gross-value-added" / "gross-value-added.csv", encoding="utf-8-sig", newline="") as handle:
        pool = [float(r["observation"]) for r in csv.DictReader(handle)
                if r["areacd"].startswith(("E47", "E61")) and r["indicator"] == GVA and r["period"] == latest_period and r["observation"]]
    assert figures.ranked == len(pool)
    assert figures.rank == 1 + sum(1 for v in pool if v > values[latest_period])

    client.force_login(ReviewerFactory())
    html = client.get(reverse("dashboard-authority", args=[gm.pk])).content.decode()
    row = row_of(section(html), figures.indicator.slug)
    assert f"£{values[latest_period]:.1f}" in row and f"{figures.rank} of {figures.ranked}" in row
    assert "Office for National Statistics" in row and "released 19 June 2025" in row
    assert "Open Government Licence v3.0" in section(html)


@pytest.mark.django_db
def test_an_authority_without_rows_of_its_own_shows_its_member_councils_named_range(gva_loaded, client):
    # Cheshire and Warrington: no GSS code yet, so ONS publishes nothing for it; its three councils are published.
    authority = AuthorityFactory(code=None, short_name="Cheshire and Warrington")
    members = {"E06000049": "Cheshire East", "E06000050": "Cheshire West and Chester", "E06000007": "Warrington"}
    for code, name in members.items():
        council = LocalAuthority.objects.create(code=code, name=name, region="North West")
        Constituent.objects.create(authority=authority, local_authority=council, landscape=Landscape.CURRENT)
    latest = {code: file_values(code) for code in members}
    period = max(max(v) for v in latest.values())
    values = {members[code]: v[period] for code, v in latest.items()}
    median = statistics.median(values.values())
    mean = statistics.mean(values.values())
    assert f"{median:.1f}" != f"{mean:.1f}"  # the data tells a median from an average

    figures = figures_of(authority_statistics(authority=authority))
    assert figures.basis == "councils" and figures.latest is None and figures.rank is None
    assert figures.councils.median == median
    assert (figures.councils.lowest.name, figures.councils.highest.name) == (min(values, key=values.get), max(values, key=values.get))
    assert (figures.councils.published, figures.councils.members) == (3, 3)

    client.force_login(UserFactory(viewer_of=authority))
    row = row_of(section(client.get(reverse("dashboard-authority", args=[authority.pk])).content.decode()), figures.indicator.slug)
    assert "Not published for Cheshire and Warrington" in row
    assert f"median <strong>£{median:.1f}</strong>" in row
    assert f"£{mean:.1f}" not in row
    for name, value in values.items():
        assert name in row and f"£{value:.1f}" in row


@pytest.mark.django_db
def test_an_official_sees_only_their_own_authoritys_statistics(gva_loaded, client):
    own, other = AuthorityFactory(code="E47000001"), AuthorityFactory(code="E47000002")
    client.force_login(UserFactory(viewer_of=own))
    assert client.get(reverse("dashboard-authority", args=[own.pk])).status_code == 200
    assert client.get(reverse("dashboard-authority", args=[other.pk])).status_code == 404
    assert client.get(reverse("statistics-indicators")).status_code == 403


def _queries(client, url) -> int:
    """A warm read's queries: the rank pools are kept in-process after the first read of a dataset."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_profile_queries_do_not_grow_with_authorities_or_councils(gva_loaded, client):
    from official_statistics.models import Observation

    client.force_login(ReviewerFactory())
    gm = AuthorityFactory(code="E47000001")
    uncoded = AuthorityFactory(code=None)
    first_councils = list(Observation.objects.filter(area_type="council").order_by("area_code").values_list("area_code", flat=True).distinct()[:40])
    for i, code in enumerate(first_councils[:2]):
        council = LocalAuthority.objects.create(code=code, name=f"Council {i}")
        Constituent.objects.create(authority=uncoded, local_authority=council, landscape=Landscape.CURRENT)
    small = (_queries(client, reverse("dashboard-authority", args=[gm.pk])), _queries(client, reverse("dashboard-authority", args=[uncoded.pk])))
    for code in ("E47000002", "E47000003", "E47000004", "E47000006"):
        AuthorityFactory(code=code)
    for i, code in enumerate(first_councils[2:], start=2):
        council = LocalAuthority.objects.create(code=code, name=f"Council {i}")
        Constituent.objects.create(authority=uncoded, local_authority=council, landscape=Landscape.CURRENT)
    large = (_queries(client, reverse("dashboard-authority", args=[gm.pk])), _queries(client, reverse("dashboard-authority", args=[uncoded.pk])))
    assert large == small
    assert re.search(r"\d+ of 4\d published", client.get(reverse("dashboard-authority", args=[uncoded.pk])).content.decode())


@pytest.mark.django_db
def test_a_lower_is_better_indicator_ranks_the_lowest_first_among_the_same_period(tmp_path):
    """Greenhouse gas emissions per person: lower is better. The rank counts only combined
    authorities' values for the authority's own latest period, read here from the file."""
    from django.core.management import call_command

    from .helpers import copy_shipped

    call_command("load_statistics", str(copy_shipped(tmp_path, "greenhouse-gas-emissions", "gross-value-added")), verbosity=0)
    path = SHIPPED / "greenhouse-gas-emissions" / "greenhouse-gas-emissions.csv"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["observation"] and r["areacd"].startswith(("E47", "E61"))]
    own = {r["period"]: float(r["observation"]) for r in rows if r["areacd"] == "E47000001"}
    latest_period = max(own)
    pool = [float(r["observation"]) for r in rows if r["period"] == latest_period]
    assert any(r["period"] != latest_period for r in rows if r["areacd"] != "E47000001"), "other periods exist to leave out"

    gm = AuthorityFactory(code="E47000001", short_name="Greater Manchester")
    figures = figures_of(authority_statistics(authority=gm), name="Greenhouse gas emissions")
    assert figures.ranked == len(pool)
    assert figures.rank == 1 + sum(1 for v in pool if v < own[latest_period])
    assert figures.rank != 1 + sum(1 for v in pool if v > own[latest_period])  # the wrong direction differs


@pytest.mark.django_db
def test_a_newer_import_changes_the_rank_on_the_next_read(tmp_path):
    """The combined authorities' values behind a rank are kept in-process under the dataset's
    digest: an import that changes them must show in the very next profile."""
    from django.core.management import call_command

    from .helpers import copy_shipped, reimport_with

    folder = copy_shipped(tmp_path, "gross-value-added")
    call_command("load_statistics", str(folder), verbosity=0)
    gm = AuthorityFactory(code="E47000001", short_name="Greater Manchester")
    before = figures_of(authority_statistics(authority=gm))
    assert figures_of(authority_statistics(authority=gm)).rank == before.rank  # read twice: kept, same answer

    # A newer file in which one combined authority ranked below Greater Manchester overtakes it.
    from official_statistics.models import Observation

    latest_period = Observation.objects.get(indicator__name=GVA, area_code="E47000001", latest=True).period
    overtaken = []

    def overtake(row):
        if (not overtaken and row["areacd"].startswith("E47") and row["areacd"] != "E47000001" and row["indicator"] == GVA
                and row["period"] == latest_period and row["observation"] and float(row["observation"]) < before.latest.value):
            row["observation"] = str(before.latest.value + 10)
            overtaken.append(row["areacd"])

    reimport_with(folder, "gross-value-added", overtake)
    assert overtaken

    after = figures_of(authority_statistics(authority=gm))
    assert after.latest.value == before.latest.value and after.ranked == before.ranked
    assert after.rank == before.rank + 1


@pytest.mark.django_db
def test_the_kept_statistics_follow_a_council_joining_and_a_rename(gva_loaded):
    """An authority's statistics are kept in-process with the datasets' versions; its member
    councils (read on every view) and its name are part of what they are kept with."""
    from .helpers import councils_with_values

    uncoded = AuthorityFactory(code=None, short_name="Uncoded")
    councils = councils_with_values(uncoded, 2, joined=1)
    first = figures_of(authority_statistics(authority=uncoded))
    assert first.basis == "councils" and first.councils.members == 1
    assert authority_statistics(authority=uncoded).missions[0][1][0] is authority_statistics(authority=uncoded).missions[0][1][0]

    Constituent.objects.create(authority=uncoded, local_authority=councils[1], landscape=Landscape.CURRENT)
    assert figures_of(authority_statistics(authority=uncoded)).councils.members == 2

    gm = AuthorityFactory(code="E47000001", short_name="Before")
    assert figures_of(authority_statistics(authority=gm)).trend.title.startswith("Before:")
    gm.short_name = "After"
    gm.save()
    assert figures_of(authority_statistics(authority=gm)).trend.title.startswith("After:")
