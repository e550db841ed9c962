"""The national overview: filters, counted/excluded panel, sorting, pagination, medians over all rows."""
import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import AssessmentState, AuthorityKind
from assessments.selectors.dashboards import Scope, round_rollup
from assessments.selectors.dashboards_overview import OverviewFilters, overview
from tests.factories import AssessmentFactory

from .conftest import populate, set_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def national(open_round):
    populate(open_round, 3, state=AssessmentState.APPROVED, level=4, region="North West")
    populate(open_round, 2, state=AssessmentState.SUBMITTED, level=1, kind=AuthorityKind.LEP, region="London")
    populate(open_round, 1, state=AssessmentState.DRAFT, level=2, kind=AuthorityKind.CA, region="London")
    return open_round


def test_scopes_and_exclusion_reasons(national):
    rollup = round_rollup(round_=national)
    approved = overview(rollup=rollup, filters=OverviewFilters(scope=Scope.APPROVED))
    assert len(approved.rows) == 3
    reasons = {e.reason: len(e.names) for e in approved.exclusions}
    assert reasons == {"Submitted but not approved yet": 2, "Not submitted yet (draft)": 1}
    assert approved.spreads[1].median == Decimal("100.00")

    submitted = overview(rollup=rollup, filters=OverviewFilters(scope=Scope.SUBMITTED))
    assert len(submitted.rows) == 5
    assert submitted.spreads[1].median == Decimal("100.00")
    assert submitted.spreads[1].lower_quartile == Decimal("25.00")
    assert overview(rollup=rollup, filters=OverviewFilters(scope=Scope.ALL)).counts == {
        "assessments": 6, "submitted": 5, "approved": 3, "late": 0, "counted": 6,
    }


def test_kind_and_region_filters(national):
    rollup = round_rollup(round_=national)
    leps = overview(rollup=rollup, filters=OverviewFilters(kind=AuthorityKind.LEP, scope=Scope.ALL))
    assert {row.kind for row in leps.rows} == {AuthorityKind.LEP}
    london = overview(rollup=rollup, filters=OverviewFilters(region="London", scope=Scope.ALL))
    assert len(london.rows) == 3
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
    populate(open_round, 45, level=1)
    populate(open_round, 10, level=4)
    client = client_for("reviewer")
    url = reverse("dashboard-round", args=[open_round.pk])
    first = client.get(url + "?sort=index&order=desc").content.decode()
    assert first.count('href="/dashboards/authorities/') == 50
    assert "Page 1 of 2" in first
    # 45 at 25.00 and 10 at 100.00: the median is 25.00 whatever the page shows.
    assert "100.00" in first
    second = client.get(url + "?sort=index&order=desc&page=2").content.decode()
    assert second.count('href="/dashboards/authorities/') == 5
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
    reviewer_page = client_for("reviewer").get(reverse("dashboard-overview")).content.decode()
    assert reverse("dashboard-publish", args=[open_round.pk]) not in reviewer_page
