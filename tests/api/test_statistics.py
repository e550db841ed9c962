"""Official statistics through the API: the same figures as the profile and the national indicators page.

On the real GVA file (Greater Manchester has its own rows; an authority without a code
has only its councils'), so a wrong basis, an average instead of a median or the wrong
period gives a different answer.
"""
import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments.models import AuthorityKind, Constituent, Landscape, LocalAuthority
from official_statistics.models import Indicator
from tests.factories import AuthorityFactory, ReviewerFactory, UserFactory
from tests.official_statistics.helpers import copy_shipped

pytestmark = pytest.mark.django_db

GVA = "Gross value added per hour worked"


@pytest.fixture
def loaded(tmp_path):
    call_command("load_statistics", str(copy_shipped(tmp_path, "gross-value-added")), verbosity=0)
    gm = AuthorityFactory(code="E47000001", name="Greater Manchester Combined Authority", short_name="Greater Manchester")
    AuthorityFactory(code="E47000002", short_name="Sheffield City Region", kind=AuthorityKind.CA)
    cheshire = AuthorityFactory(code=None, short_name="Cheshire and Warrington", kind=AuthorityKind.CA)
    for code, name in {"E06000049": "Cheshire East", "E06000050": "Cheshire West and Chester", "E06000007": "Warrington"}.items():
        council = LocalAuthority.objects.create(code=code, name=name, region="North West")
        Constituent.objects.create(authority=cheshire, local_authority=council, landscape=Landscape.CURRENT)
    return {"gm": gm, "cheshire": cheshire, "gva": Indicator.objects.get(name=GVA)}


def _point(point):
    return None if point is None else (point.period_label, point.key[0].isoformat(), point.key[1], point.value)


def _api_point(data):
    return None if data is None else (data["period"], data["period_start"], data["period_months"], data["value"])


@pytest.mark.parametrize("which", ["gm", "cheshire"])
def test_an_authoritys_statistics_are_its_profiles(client, api, loaded, which):
    authority, reviewer = loaded[which], ReviewerFactory()
    client.force_login(reviewer)
    page = client.get(reverse("dashboard-authority", args=[authority.pk])).context["official_statistics"]
    shown = [f for _, items in page.missions for f in items]
    body = api(reviewer).get(f"/api/v1/authorities/{authority.pk}/statistics/").json()
    assert "Open Government Licence v3.0" in body["licence"]
    assert [i["indicator"]["slug"] for i in body["indicators"]] == [f.indicator.slug for f in shown]
    for data, figures in zip(body["indicators"], shown):
        assert data["basis"] == figures.basis
        assert _api_point(data["latest"]) == _point(figures.latest)
        assert _api_point(data["previous"]) == _point(figures.previous)
        assert _api_point(data["england"]) == _point(figures.england)
        assert (data["change"], data["improvement"], data["rank"], data["ranked"]) == (
            figures.change, figures.improvement, figures.rank, figures.ranked)
        assert [_api_point(p) for p in data["series"]] == [_point(p) for p in figures.series]
        assert data["source"]["release_date"] == figures.dataset.release_date.isoformat()
        if figures.councils:
            c = figures.councils
            assert (data["councils"]["median"], data["councils"]["lowest"]["name"], data["councils"]["highest"]["name"],
                    data["councils"]["published"]) == (c.median, c.lowest.name, c.highest.name, c.published)
            assert [v["value"] for v in data["councils"]["values"]] == [n.value for n in c.values]
        else:
            assert data["councils"] is None
    gva = next(i for i in body["indicators"] if i["indicator"]["slug"] == loaded["gva"].slug)
    assert gva["basis"] == ("authority" if which == "gm" else "councils")
    assert gva["england"] is None  # ONS publishes GVA for the UK and ITL regions, not England


QUERIES = [{}, {"kind": "ca"}, {"region": "North West"}, {"sort": "value", "order": "desc"}, {"sort": "name", "order": "desc"}]


@pytest.mark.parametrize("query", QUERIES, ids=[str(q) or "none" for q in QUERIES])
def test_an_indicators_values_are_the_national_tables(client, api, loaded, query):
    gva, reviewer = loaded["gva"], ReviewerFactory()
    client.force_login(reviewer)
    page_query = {**query, "mission": gva.mission}
    if query.get("sort") == "value":
        page_query["sort"] = gva.slug
    table = client.get(reverse("statistics-indicators"), page_query).context["table"]
    column = table.indicators.index(gva)
    expected = [(row.authority.pk, row.cells[column]) for row in table.rows]
    assert len(expected) >= 1

    body = api(reviewer).get(f"/api/v1/indicators/{gva.pk}/values/", {**query, "page_size": 1}).json()
    results = body["results"]
    while body["next"]:
        body = api(reviewer).get(body["next"]).json()
        results += body["results"]
    assert [r["authority"]["id"] for r in results] == [pk for pk, _ in expected]
    for data, (_pk, cell) in zip(results, expected):
        assert data["basis"] == cell.basis
        assert (data["latest"] or {}).get("value") == cell.value
        assert (data["latest"] or {}).get("period", "") == (cell.period if cell.value is not None else "")
        if cell.councils:
            assert (data["councils"]["median"], data["councils"]["period"], data["councils"]["members"]) == (
                cell.councils.median, cell.councils.period_label, cell.councils.members)


def test_indicators_carry_their_metadata_and_englands_value(api, loaded):
    body = api(ReviewerFactory()).get("/api/v1/indicators/", {"mission": 1}).json()
    gva = next(i for i in body["results"] if i["name"] == GVA)
    assert gva["higher_is_better"] is True and gva["polarity_reason"] and gva["decimal_places"] == 1
    assert gva["source"]["organisation"] and gva["source"]["release_date"] == "2025-06-19"
    assert gva["england"] is None and gva["mission_label"] == "Mission 1: Living standards"
    assert api(ReviewerFactory()).get("/api/v1/indicators/", {"mission": 2}).status_code == 400  # no such mission
    assert api(ReviewerFactory()).get("/api/v1/indicators/999999/").status_code == 404


def test_an_official_gets_only_their_own_authority(api, loaded):
    official = api(UserFactory(viewer_of=loaded["cheshire"]))
    body = official.get(f"/api/v1/indicators/{loaded['gva'].pk}/values/").json()
    assert [r["authority"]["id"] for r in body["results"]] == [loaded["cheshire"].pk]
    assert [v["name"] for v in body["results"][0]["councils"]["values"]]  # its councils, named
    for query in [{"kind": "mca"}, {"region": "North West"}, {"sort": "value"}]:  # no filter reaches another authority
        ids = {r["authority"]["id"] for r in official.get(f"/api/v1/indicators/{loaded['gva'].pk}/values/", query).json()["results"]}
        assert ids <= {loaded["cheshire"].pk}
    assert official.get(f"/api/v1/authorities/{loaded['gm'].pk}/statistics/").status_code == 404
    assert official.get(f"/api/v1/authorities/{loaded['cheshire'].pk}/statistics/").status_code == 200
