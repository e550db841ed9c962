"""The API's numbers are the dashboards' numbers: same round, same filters, same figures.

The data is built so that plausible wrong ways give different answers: a moderated
level lowers one authority's effective score below its own; drafts score higher than
anyone submitted (counting them moves every median); kinds and regions differ.
"""
import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import AssessmentState, AuthorityKind, StrategicTier, TierPeriod
from tests.builders import moderate, populate
from tests.factories import AdminFactory, ReviewerFactory, RoundFactory, UserFactory

QUERIES = [
    {},
    {"kind": "ca"},
    {"scope": "approved"},
    {"scope": "all"},
    {"region": "North West"},
    {"sort": "index", "order": "desc"},
    {"kind": "mca", "scope": "all", "sort": "step3"},
    {"tier": "mayoral"},
    {"tier": "none", "scope": "all", "sort": "tier"},
]


def _number(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _spread(api: dict, spread) -> None:
    assert _number(api["median"]) == spread.median
    assert _number(api["lower_quartile"]) == spread.lower_quartile
    assert _number(api["upper_quartile"]) == spread.upper_quartile
    assert api["count"] == spread.count
    assert api["status"] == spread.status.value


@pytest.fixture
def round_(db):
    round_ = RoundFactory(name="Figures round")
    submitted = populate(round_, 3, state=AssessmentState.SUBMITTED, level=2, kind=AuthorityKind.MCA, region="North West")
    moderate(submitted[0], "1.1", 0)
    moderate(submitted[0], "3.2", 1)
    # Two of the three submitted (the moderated one among them) are mayoral strategic authorities:
    # a filter that ignored the tier, or the moderation, gives other medians.
    for assessment in submitted[:2]:
        TierPeriod.objects.create(authority=assessment.authority, tier=StrategicTier.MAYORAL,
                                  starts_on=datetime.date(2020, 1, 1), since="2020")
    approved = populate(round_, 2, state=AssessmentState.APPROVED, level=3, kind=AuthorityKind.CA, region="Yorkshire and The Humber")
    TierPeriod.objects.create(authority=approved[0].authority, tier=StrategicTier.FOUNDATION,
                              starts_on=datetime.date(2020, 1, 1), since="2020")
    populate(round_, 2, state=AssessmentState.DRAFT, level=4, kind=AuthorityKind.MCA, region="North West")
    populate(round_, 1, state=AssessmentState.RETURNED, level=1, kind=AuthorityKind.CCA, region="East Midlands")
    return round_


@pytest.mark.parametrize("query", QUERIES, ids=[str(q) or "none" for q in QUERIES])
def test_round_figures_match_the_national_overview(client, api, round_, query):
    reviewer = ReviewerFactory()
    client.force_login(reviewer)
    page = client.get(reverse("dashboard-round", args=[round_.pk]), query)
    assert page.status_code == 200
    data = page.context["data"]
    analyst = api(reviewer)

    summary = analyst.get(f"/api/v1/rounds/{round_.pk}/summary/", query).json()
    assert summary["counts"] == data.counts
    _spread(summary["readiness_index"], data.index)
    for step in summary["steps"]:
        _spread(step, data.spreads[step["number"]])
    assert {e["reason"]: e["authorities"] for e in summary["exclusions"]} == {e.reason: e.names for e in data.exclusions}

    rows = analyst.get(f"/api/v1/rounds/{round_.pk}/assessments/", {**query, "page_size": 3})
    body = rows.json()
    results = body["results"]
    while body["next"]:  # every page, following the links as a client would
        body = analyst.get(body["next"]).json()
        results += body["results"]
    assert [r["id"] for r in results] == [row.assessment_id for row in data.rows]
    for api_row, row in zip(results, data.rows):
        rated = row.state != AssessmentState.DRAFT
        assert api_row["is_rated"] is rated
        assert _number(api_row["result"]["readiness_index"]) == (row.result.readiness_index if rated else None)
        assert [_number(s["score"]) for s in api_row["result"]["steps"]] == [
            (s.score if rated else None) for s in row.result.steps
        ]
        assert api_row["result"]["rag"] == (row.result.rag.value if rated and row.result.rag else None)
        assert api_row["authority"]["regions"] == list(row.regions)


def test_a_moderated_assessment_reports_effective_and_self_assessed_scores_as_the_results_page(client, api, round_):
    reviewer = ReviewerFactory()
    moderated = round_.assessments.filter(moderations__isnull=False).distinct().get()
    client.force_login(reviewer)
    view = client.get(reverse("assessment-results", args=[moderated.pk])).context["view"]
    detail = api(reviewer).get(f"/api/v1/assessments/{moderated.pk}/").json()
    assert _number(detail["result"]["readiness_index"]) == view.result.readiness_index
    assert _number(detail["self_assessed_result"]["readiness_index"]) == view.own_result.readiness_index
    assert view.result.readiness_index < view.own_result.readiness_index  # the data makes the difference
    listed = api(reviewer).get(f"/api/v1/rounds/{round_.pk}/assessments/").json()["results"]
    assert next(row for row in listed if row["id"] == moderated.pk) == {
        key: value for key, value in detail.items() if key != "self_assessed_result"
    }
    answers = api(reviewer).get(f"/api/v1/assessments/{moderated.pk}/answers/").json()
    by_code = {a["criterion_code"]: a for a in answers}
    assert by_code["1.1"]["self_assessed"]["level"] == 2
    assert by_code["1.1"]["moderated"]["level"] == 0 and by_code["1.1"]["effective_level"] == 0
    assert by_code["1.2"]["moderated"] is None and by_code["1.2"]["effective_level"] == 2
    assert len(answers) == 24


def test_a_draft_is_never_rated(api, round_):
    draft = round_.assessments.filter(state=AssessmentState.DRAFT).first()
    detail = api(AdminFactory()).get(f"/api/v1/assessments/{draft.pk}/").json()
    assert detail["is_rated"] is False
    assert detail["result"]["readiness_index"] is None and detail["result"]["rag"] is None
    assert detail["self_assessed_result"]["readiness_index"] is None
    assert all(s["score"] is None and s["rag"] is None for s in detail["result"]["steps"])
    assert detail["result"]["answered"] == 24  # progress is still there


def test_an_officials_national_figures_are_their_dashboards_medians(client, api, round_):
    own = round_.assessments.filter(state=AssessmentState.SUBMITTED).first().authority
    official = UserFactory(viewer_of=own)
    client.force_login(official)
    page = client.get(reverse("dashboard-round", args=[round_.pk]))
    summary = api(official).get(f"/api/v1/rounds/{round_.pk}/summary/").json()
    _spread(summary["readiness_index"], page.context["index"])
    for step, spread in page.context["spread_rows"]:
        _spread(next(s for s in summary["steps"] if s["number"] == step.number), spread)
    assert summary["counts"]["counted"] == page.context["counted"]
    assert summary["exclusions"] == []


def test_published_results_match_the_public_page(client, round_):
    round_.published_at, round_.published_by = timezone.now(), AdminFactory()
    round_.save()
    page = client.get(reverse("public-round", args=[round_.pk])).context
    from tests.api.schema_check import ApiClient

    public = ApiClient()  # no token
    detail = public.get(f"/api/v1/published-rounds/{round_.pk}/").json()
    assert detail["approved"] == page["count"] == 2
    _spread(detail["readiness_index"], page["index"])
    for step, spread in page["spread_rows"]:
        _spread(next(s for s in detail["steps"] if s["number"] == step.number), spread)
    results = public.get(f"/api/v1/published-rounds/{round_.pk}/results/").json()["results"]
    assert [r["authority"]["id"] for r in results] == [row.authority_id for row in page["page"]]
    assert [_number(r["result"]["readiness_index"]) for r in results] == [row.result.readiness_index for row in page["page"]]
