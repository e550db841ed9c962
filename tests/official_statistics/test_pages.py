"""The national indicators page (sorting, filters, scatter), the public page, and their query counts."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import AssessmentState, Constituent, Landscape, LocalAuthority
from official_statistics.models import Dataset, Indicator, Mission, Observation
from tests.factories import (
    AdminFactory,
    AssessmentFactory,
    AuthorityFactory,
    ReviewerFactory,
    RoundFactory,
    UserFactory,
    answer_every_criterion,
    framework_with_criteria,
)


def indicator(name="Gross value added per hour worked", higher=True, places=1):
    dataset, _ = Dataset.objects.get_or_create(slug="test", defaults={
        "source_org": "Office for National Statistics", "source_url": "https://www.ons.gov.uk/x",
        "release_date": "2025-06-19", "digest": "0" * 64, "imported_at": timezone.now()})
    return Indicator.objects.create(
        dataset=dataset, name=name, slug=name.lower().replace(" ", "-"), label=name, decimal_places=places, prefix="£",
        mission=Mission.LIVING_STANDARDS, higher_is_better=higher, polarity_reason="Higher output is better.")


def observe(ind, code, value, year=2023, latest=True, area_type="combined"):
    return Observation.objects.create(
        indicator=ind, area_code=code, area_name=code, area_type=area_type, period=f"{year}-01-01/P1Y",
        period_start=f"{year}-01-01", period_months=12, value=value, latest=latest)


@pytest.fixture
def staff(client):
    client.force_login(ReviewerFactory())
    return client


@pytest.mark.django_db
def test_table_sorts_best_first_by_an_indicator_with_authorities_without_a_value_last(staff):
    gva = indicator()
    low, high = AuthorityFactory(short_name="Lowtown"), AuthorityFactory(short_name="Hightown")
    AuthorityFactory(short_name="Aardvark")  # no value: listed last whichever way the column is sorted
    observe(gva, low.code, 30.0)
    observe(gva, low.code, 35.0, year=2022, latest=False)  # an older, higher value must not count
    observe(gva, high.code, 40.0)
    observe(gva, "E92000001", 38.0, area_type="england")
    url = reverse("statistics-indicators")
    html = staff.get(url, {"sort": gva.slug, "order": "desc"}).content.decode()
    assert html.index("Hightown") < html.index("Lowtown") < html.index("Aardvark")
    assert 'aria-sort="descending"' in html and "£38.0" in html
    html = staff.get(url, {"sort": gva.slug, "order": "asc"}).content.decode()
    assert html.index("Lowtown") < html.index("Hightown") < html.index("Aardvark")
    assert "£35.0" not in html


@pytest.mark.django_db
def test_filters_by_kind_and_region_and_ignore_nonsense(staff):
    north = LocalAuthority.objects.create(code="E08000003", name="Manchester", region="North West")
    a = AuthorityFactory(short_name="Northern", kind="mca")
    Constituent.objects.create(authority=a, local_authority=north, landscape=Landscape.CURRENT)
    AuthorityFactory(short_name="Countyshire", kind="cca")
    url = reverse("statistics-indicators")
    html = staff.get(url, {"region": "North West"}).content.decode()
    assert "Northern" in html and "Countyshire" not in html
    html = staff.get(url, {"kind": "cca"}).content.decode()
    assert "Countyshire" in html and "Northern" not in html
    response = staff.get(url, {"kind": "nonsense", "mission": "x", "round": "9999", "page": "-3", "sort": "<script>"})
    assert response.status_code == 200 and "Countyshire" in response.content.decode()


@pytest.mark.django_db
def test_scatter_labels_every_dot_has_its_table_and_says_association_only(staff):
    gva = indicator()
    round_ = RoundFactory(framework=framework_with_criteria())
    names = []
    for i, score in enumerate((1, 3)):
        authority = AuthorityFactory(short_name=f"Dotted {i}")
        names.append(authority.short_name)
        assessment = AssessmentFactory(
            round=round_, authority=authority, state=AssessmentState.SUBMITTED,
            submitted_at=timezone.now(), submitted_by=UserFactory(editor_of=authority),
        )
        answer_every_criterion(assessment, score=score)
        observe(gva, authority.code, 30.0 + i)
    draft = AuthorityFactory(short_name="Drafty")
    AssessmentFactory(round=round_, authority=draft)
    observe(gva, draft.code, 50.0)
    html = staff.get(reverse("statistics-indicators"), {"indicator": gva.slug, "round": round_.pk}).content.decode()
    chart = html[html.index('<figure class="app-chart app-chart--scatter">'):html.index("</figure>")]
    for name in names:
        assert f">{name}</text>" in chart
    assert "Drafty</text>" not in chart  # drafts are not counted
    assert "association only" in html
    table = html[html.index('id="scatter-table-caption"'):]
    assert "Dotted 0" in table and "£30.0" in table and "25.00" in table and "75.00" in table


def _queries(client, url, params=None) -> int:
    """A first read's queries, as a new process makes it: what one page kept in-process
    (rollup_cache) would otherwise spare the next page some queries, by chance of order."""
    from assessments.selectors import rollup_cache

    rollup_cache.local_clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def _authorities_with_values(count, gva, round_):
    for number in range(count):
        authority = AuthorityFactory()
        if number % 2:  # every other one through its member councils, as an authority ONS publishes nothing for
            authority.code = None
            authority.save()
            for _ in range(3):
                council = LocalAuthority.objects.create(code=f"E06{LocalAuthority.objects.count():06d}", name=f"Council {authority.pk}")
                Constituent.objects.create(authority=authority, local_authority=council, landscape=Landscape.CURRENT)
                observe(gva, council.code, 31.0, area_type="council")
        else:
            observe(gva, authority.code, 33.0)
        AssessmentFactory(round=round_, authority=authority, state=AssessmentState.APPROVED, submitted_at=timezone.now(),
                          submitted_by=UserFactory(editor_of=authority))


@pytest.mark.django_db
def test_indicators_and_public_pages_queries_do_not_grow_with_authorities(client):
    gva = indicator()
    indicator("Employment rate")
    round_ = RoundFactory(framework=framework_with_criteria(), published_at=timezone.now(), published_by=AdminFactory())
    client.force_login(ReviewerFactory())
    page = reverse("statistics-indicators")
    public = reverse("public-round-statistics", args=[round_.pk])
    params = {"sort": gva.slug, "order": "desc", "indicator": gva.slug, "round": round_.pk}
    _authorities_with_values(3, gva, round_)
    small = (_queries(client, page, params), _queries(client, public))
    _authorities_with_values(12, gva, round_)
    assert (_queries(client, page, params), _queries(client, public)) == small


@pytest.mark.django_db
def test_public_page_lists_only_authorities_with_published_approved_results(client):
    gva = indicator()
    framework = framework_with_criteria()
    published = RoundFactory(framework=framework, published_at=timezone.now(), published_by=AdminFactory())
    shown, hidden = AuthorityFactory(short_name="Approvedshire"), AuthorityFactory(short_name="Draftshire")
    AssessmentFactory(round=published, authority=shown, state=AssessmentState.APPROVED, submitted_at=timezone.now(),
                      submitted_by=UserFactory(editor_of=shown))
    AssessmentFactory(round=published, authority=hidden)
    observe(gva, shown.code, 31.0)
    observe(gva, hidden.code, 32.0)
    html = client.get(reverse("public-round-statistics", args=[published.pk])).content.decode()
    assert "Approvedshire" in html and "£31.0" in html
    assert "Draftshire" not in html and "£32.0" not in html
    assert "Open Government Licence v3.0" in html
    unpublished = RoundFactory(framework=framework)
    assert client.get(reverse("public-round-statistics", args=[unpublished.pk])).status_code == 404


@pytest.mark.django_db
def test_table_shows_member_councils_range_where_ons_publishes_nothing_for_the_authority(staff):
    gva = indicator()
    authority = AuthorityFactory(code=None, short_name="Uncodedshire")
    councils = {"E06000901": ("Alpha", 30.0), "E06000902": ("Beta", 31.0), "E06000903": ("Gamma", 44.0),
                "E06000904": ("Delta", 99.0)}
    for code, (name, value) in councils.items():
        council = LocalAuthority.objects.create(code=code, name=name, region="North West")
        Constituent.objects.create(authority=authority, local_authority=council, landscape=Landscape.CURRENT)
        # Delta's newest value is from an older year: the range is of the newest period only.
        observe(gva, code, value, year=2022 if name == "Delta" else 2023, area_type="council")
    observe(gva, "E06000902", 50.0, year=2022, latest=False, area_type="council")  # an older value of Beta: not counted
    response = staff.get(reverse("statistics-indicators"))
    cell = next(row for row in response.context["table"].rows if row.authority == authority).cells[0]
    assert cell.basis == "councils" and cell.value is None
    assert (cell.councils.lowest.name, cell.councils.highest.name, cell.councils.median) == ("Alpha", "Gamma", 31.0)
    assert (cell.councils.published, cell.councils.members) == (3, 4)
    html = response.content.decode()
    row = html[html.index("Uncodedshire"):]
    row = row[:row.index("</tr>")]
    assert "Councils:" in row and "£30.0 to £44.0" in row and "3 of 4 member councils" in row
    assert "£35.0" not in row and "£99.0" not in row  # never the mean; never an older period
    # No England value in the data (as for GVA): said so, not a bare dash.
    assert "Not published" in html and "no figure for England as a whole for gross value added per hour worked" in html


@pytest.mark.django_db
def test_filters_by_tier_today_in_the_table_and_on_the_round_date_in_the_chart(staff):
    """A body that became established mayoral after a 2024 round is in the table under its
    tier today, and in that round's chart under the tier it had then (mayoral)."""
    import datetime

    from assessments.models import TierPeriod
    from assessments.selectors.devolution import tier_on
    from assessments.selectors.landscapes import round_landscape_day

    gva = indicator()
    round_ = RoundFactory(framework=framework_with_criteria(), opens_on=datetime.date(2024, 4, 1),
                          closes_on=datetime.date(2024, 6, 30))
    promoted, plain = AuthorityFactory(short_name="Promoted"), AuthorityFactory(short_name="Plainly")
    TierPeriod.objects.create(authority=promoted, starts_on=datetime.date(2020, 1, 1), since="2020", tier="mayoral", source="Test")
    TierPeriod.objects.create(authority=promoted, starts_on=datetime.date(2025, 4, 1), since="2025-04-01",
                              tier="established_mayoral", source="Test")
    assert tier_on(authority=promoted, day=round_landscape_day(round_=round_)) == "mayoral"
    assert tier_on(authority=promoted, day=timezone.localdate()) == "established_mayoral"
    for authority in (promoted, plain):
        assessment = AssessmentFactory(round=round_, authority=authority, state=AssessmentState.SUBMITTED,
                                       submitted_at=timezone.now(), submitted_by=UserFactory(editor_of=authority))
        answer_every_criterion(assessment, score=2)
        observe(gva, authority.code, 33.0)
    url = reverse("statistics-indicators")

    def parts(tier):
        html = staff.get(url, {"indicator": gva.slug, "round": round_.pk, "tier": tier}).content.decode()
        table_start = html.index("Latest official statistics by authority")
        table = html[table_start:html.index("</table>", table_start)]
        start = html.find('<figure class="app-chart app-chart--scatter">')  # no chart at all without a dot
        chart = html[start:html.index("</figure>", start)] if start != -1 else ""
        return table, chart

    table, chart = parts("established_mayoral")
    assert "Promoted" in table and "Plainly" not in table
    assert "Promoted" not in chart
    table, chart = parts("mayoral")
    assert "Promoted" not in table
    assert "<title>Promoted</title>" in chart and "Plainly" not in chart


@pytest.mark.django_db
def test_the_kept_scatter_follows_a_moderation_and_a_new_import(staff, tmp_path, people):
    """The scatter is kept in-process with the round's rows and the dataset's version: a
    moderation and a re-import that changes a value both show on the next read."""
    from django.core.management import call_command

    from assessments.services.moderation import moderation_set
    from tests.builders import populate

    from .helpers import copy_shipped, reimport_with

    folder = copy_shipped(tmp_path, "gross-value-added")
    call_command("load_statistics", str(folder), verbosity=0)
    gva = Indicator.objects.get(name="Gross value added per hour worked")
    gm = AuthorityFactory(code="E47000001", short_name="Dotted Manchester")
    round_ = RoundFactory(framework=framework_with_criteria())
    [assessment] = populate(round_, 1, level=2, authorities=[gm])

    def scatter_row():
        html = staff.get(reverse("statistics-indicators"), {"indicator": gva.slug, "round": round_.pk}).content.decode()
        table = html[html.index('id="scatter-table-caption"'):]
        start = table.index("Dotted Manchester")
        return table[start:table.index("</tr>", start)]

    latest = Observation.objects.get(indicator=gva, area_code="E47000001", latest=True)
    assert "50.00" in scatter_row() and f"£{latest.value:.1f}" in scatter_row()

    criterion = round_.framework.steps.get(number=1).criteria.order_by("code").first()
    moderation_set(assessment=assessment, criterion=criterion, user=people["reviewer"], reason="No plan yet.", score=0)
    assert "50.00" not in scatter_row()

    reimport_with(folder, "gross-value-added", lambda row: row.update(observation="123.4") if (
        row["areacd"], row["indicator"], row["period"]) == ("E47000001", gva.name, latest.period) else None)
    assert "£123.4" in scatter_row()


@pytest.mark.django_db
def test_the_kept_table_cells_follow_a_new_membership_and_a_new_import(staff, tmp_path):
    """The table's cells are kept in-process with the datasets' versions and the memberships
    read on each view: a council joining and a re-import both show on the next read."""
    from django.core.management import call_command

    from .helpers import copy_shipped, councils_with_values, reimport_with

    folder = copy_shipped(tmp_path, "gross-value-added")
    call_command("load_statistics", str(folder), verbosity=0)
    AuthorityFactory(code="E47000001", name="Coded Combined Authority")
    uncoded = AuthorityFactory(code=None, name="Uncoded Combined Authority")
    councils = councils_with_values(uncoded, 2, joined=1)

    def page() -> str:
        return staff.get(reverse("statistics-indicators")).content.decode()

    assert "1 of 1 member council" in page() and "2 member councils" not in page()
    Constituent.objects.create(authority=uncoded, local_authority=councils[1], landscape=Landscape.CURRENT)
    assert "of 2 member councils" in page()

    assert "£123.4" not in page()
    latest = Observation.objects.get(indicator__name="Gross value added per hour worked", area_code="E47000001", latest=True)
    reimport_with(folder, "gross-value-added", lambda row: row.update(observation="123.4") if (
        row["areacd"], row["indicator"], row["period"]) == ("E47000001", latest.indicator.name, latest.period) else None)
    assert "£123.4" in page()
