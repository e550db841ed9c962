"""The national overview: filters, counted/excluded panel, sorting, pagination, medians over all rows."""
import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import AssessmentState, AuthorityKind
from assessments.selectors.dashboards import Scope, round_rollup
from assessments.selectors.dashboards_overview import OverviewFilters, overview
from tests.builders import answer_by_code, populate, set_state
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def national(open_round):
    populate(open_round, 5, state=AssessmentState.APPROVED, level=4, region="North West")
    populate(open_round, 3, state=AssessmentState.SUBMITTED, level=1, kind=AuthorityKind.LEP, region="London")
    populate(open_round, 1, state=AssessmentState.DRAFT, level=2, kind=AuthorityKind.CA, region="London")
    return open_round


def test_scopes_and_exclusion_reasons(national):
    rollup = round_rollup(round_=national)
    approved = overview(rollup=rollup, filters=OverviewFilters(scope=Scope.APPROVED))
    assert len(approved.rows) == 5
    reasons = {e.reason: len(e.names) for e in approved.exclusions}
    assert reasons == {"Submitted but not approved yet": 3, "Not submitted yet (draft)": 1}
    assert approved.spreads[1].median == Decimal("100.00")
    assert approved.label == "Median of 5 approved authorities"

    submitted = overview(rollup=rollup, filters=OverviewFilters(scope=Scope.SUBMITTED))
    assert len(submitted.rows) == 8
    # 25, 25, 25, then five at 100: the median sits between two 100s, the lower quartile among the 25s.
    assert submitted.spreads[1].median == Decimal("100.00")
    assert submitted.spreads[1].lower_quartile == Decimal("25.00")
    assert submitted.label == "National median of 8 authorities"
    everything = overview(rollup=rollup, filters=OverviewFilters(scope=Scope.ALL))
    assert everything.counts == {"assessments": 9, "submitted": 8, "approved": 5, "late": 0, "counted": 9}
    # The draft is listed, but never rated, so the medians are those of the 8 submitted.
    assert everything.index.count == 8 and everything.index == submitted.index
    assert "Drafts: listed with their progress, never rated, so not in the medians" in {
        e.reason for e in everything.exclusions
    }


def test_a_filter_that_leaves_fewer_than_five_shows_the_count_only(national, client_for):
    leps = overview(rollup=round_rollup(round_=national), filters=OverviewFilters(kind=AuthorityKind.LEP))
    assert leps.index.count == 3 and leps.index.median is None and leps.spreads[1].lower_quartile is None
    assert leps.label == "Median of 3 local enterprise partnerships"
    page = client_for("reviewer").get(
        reverse("dashboard-round", args=[national.pk]) + "?kind=lep&region=London"
    ).content.decode()
    assert "Median of 3 local enterprise partnerships in London, with quartiles, by step" in page
    assert "Too few to summarise" in page and "authoritys" not in page


def test_dashboard_medians_are_exact_medians_rounded_once(open_round, client_for):
    # Readiness indexes 25 x K / 24 for K levels in total over 24 equally weighted criteria.
    codes = [f"{s}.{p}" for s in range(1, 9) for p in range(1, 4)]
    for total in (58, 62, 66, 69, 77, 86):
        base, extra = divmod(total, 24)
        assessment = AssessmentFactory(round=open_round)
        answer_by_code(assessment, {code: base + (1 if i < extra else 0) for i, code in enumerate(codes)})
        set_state(assessment, AssessmentState.SUBMITTED)
    data = overview(rollup=round_rollup(round_=open_round), filters=OverviewFilters())
    # Exact: (68.75 + 71.875) / 2 = 70.3125, shown 70.31; from the shown 68.75 and 71.88 it would be 70.32.
    assert [row.result.readiness_index for row in sorted(data.rows, key=lambda r: r.result.exact_index)][2:4] == [
        Decimal("68.75"), Decimal("71.88")
    ]
    assert data.index.median == Decimal("70.31")
    page = client_for("reviewer").get(reverse("dashboard-round", args=[open_round.pk])).content.decode()
    assert "70.31" in page and "70.32" not in page


def test_kind_and_region_filters(national):
    rollup = round_rollup(round_=national)
    leps = overview(rollup=rollup, filters=OverviewFilters(kind=AuthorityKind.LEP, scope=Scope.ALL))
    assert {row.kind for row in leps.rows} == {AuthorityKind.LEP}
    london = overview(rollup=rollup, filters=OverviewFilters(region="London", scope=Scope.ALL))
    assert len(london.rows) == 4  # three LEPs and the draft
    assert "Not in the chosen region" in {e.reason for e in london.exclusions}


def test_late_counts_late_submissions_and_overdue_drafts(open_round):
    open_round.closes_on = timezone.localdate() - datetime.timedelta(days=2)
    open_round.save()
    set_state(AssessmentFactory(round=open_round), AssessmentState.SUBMITTED)  # submitted now: late
    AssessmentFactory(round=open_round)  # draft past the deadline: late
    on_time = AssessmentFactory(round=open_round, deadline_override=timezone.localdate() + datetime.timedelta(days=3))
    set_state(on_time, AssessmentState.SUBMITTED)
    data = overview(rollup=round_rollup(round_=open_round), filters=OverviewFilters())
    assert data.counts["late"] == 2


def test_sorting_puts_unscored_last_both_ways(open_round):
    populate(open_round, 1, level=1)
    populate(open_round, 1, level=3)
    set_state(AssessmentFactory(round=open_round), AssessmentState.SUBMITTED)  # nothing answered
    rollup = round_rollup(round_=open_round)
    up = overview(rollup=rollup, filters=OverviewFilters(sort="step2"))
    down = overview(rollup=rollup, filters=OverviewFilters(sort="step2", descending=True))
    assert [r.step_score(2) for r in up.rows] == [Decimal("25.00"), Decimal("75.00"), None]
    assert [r.step_score(2) for r in down.rows] == [Decimal("75.00"), Decimal("25.00"), None]


def test_page_paginates_rows_but_medians_use_every_counted_assessment(client_for, open_round):
    # 40 at 25.00 and 30 at 100.00, sorted highest first: page one holds the 30 at 100 and 20
    # at 25, whose median is 100.00; the median of all 70 counted is 25.00.
    populate(open_round, 40, level=1)
    populate(open_round, 30, level=4)
    client = client_for("reviewer")
    url = reverse("dashboard-round", args=[open_round.pk])
    response = client.get(url + "?sort=index&order=desc")
    first = response.content.decode()
    assert first.count('href="/dashboards/authorities/') == 50
    assert "Page 1 of 2" in first
    assert [row.result.readiness_index for row in response.context["page"].object_list].count(Decimal("100.00")) == 30
    assert response.context["data"].index.median == Decimal("25.00")
    index_row = re.search(r"<th[^>]*>Readiness index</th>(.*?)</tr>", first, re.S).group(1)
    assert re.findall(r">([0-9.]+)</td>", index_row) == ["25.00", "25.00", "100.00", "70"]
    second = client.get(url + "?sort=index&order=desc&page=2").content.decode()
    assert second.count('href="/dashboards/authorities/') == 20
    assert 'aria-sort="descending"' in first


def test_cells_carry_number_and_rating_in_words(client_for, open_round):
    populate(open_round, 1, level=2)
    page = client_for("reviewer").get(reverse("dashboard-overview")).content.decode()
    assert 'app-heat--amber" data-label="Step 1">50.00 <span class="app-heat__label">Amber</span>' in page
    # On a phone the heatmap stacks into one card per authority: each score says which step it is.
    assert 'data-label="Readiness index">50.00' in page and "app-table--stack" in page


def test_bad_filter_values_fall_back_to_defaults(client_for, open_round):
    populate(open_round, 2)
    response = client_for("reviewer").get(
        reverse("dashboard-round", args=[open_round.pk]) + "?kind=xyz&scope=nope&sort=drop&page=999"
    )
    assert response.status_code == 200
    assert response.context["data"].filters == OverviewFilters()


def test_admin_sees_publish_button_only_with_approved(client_for, open_round):
    populate(open_round, 1, state=AssessmentState.SUBMITTED)
    page = client_for("admin").get(reverse("dashboard-overview")).content.decode()
    assert "There are no approved assessments in this round yet." in page
    assert reverse("dashboard-publish", args=[open_round.pk]) not in page
    populate(open_round, 1, state=AssessmentState.APPROVED)
    page = client_for("admin").get(reverse("dashboard-overview")).content.decode()
    assert reverse("dashboard-publish", args=[open_round.pk]) in page
    assert "There are no approved assessments in this round yet." not in page
    reviewer_page = client_for("reviewer").get(reverse("dashboard-overview")).content.decode()
    assert reverse("dashboard-publish", args=[open_round.pk]) not in reviewer_page
