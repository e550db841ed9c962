"""A token sees exactly what its owner sees: other authorities' data never leaks, whatever the filter."""
import json

import pytest

from assessments.models import AssessmentState, AuthorityKind, FrameworkStatus
from tests.builders import moderate, populate
from tests.factories import AdminFactory, FrameworkFactory, ReviewerFactory, RoundFactory, UserFactory


@pytest.fixture
def round_(db):
    round_ = RoundFactory(name="Permissions round")
    mine = populate(round_, 1, state=AssessmentState.SUBMITTED, level=2, kind=AuthorityKind.MCA, region="North West")[0]
    theirs = populate(round_, 3, state=AssessmentState.APPROVED, level=3, kind=AuthorityKind.CA, region="South West")
    moderate(theirs[0], "1.1", 0)
    return round_, mine, theirs


def test_an_official_gets_only_their_own_rows_whatever_the_filters(api, round_):
    round_, mine, theirs = round_
    client = api(UserFactory(viewer_of=mine.authority))
    for query in ({}, {"scope": "all"}, {"scope": "approved"}, {"region": "South West"}, {"kind": "ca"}):
        body = client.get(f"/api/v1/rounds/{round_.pk}/assessments/", query).json()
        ids = {row["id"] for row in body["results"]}
        assert ids <= {mine.pk}, query
        assert body["count"] == len(ids)
        text = json.dumps(body)
        assert all(a.authority.name not in text and a.authority.short_name not in text for a in theirs)


def test_an_official_gets_404_for_anything_of_another_authority(api, round_):
    round_, mine, theirs = round_
    client = api(UserFactory(editor_of=mine.authority))
    other = theirs[0]
    for path in (f"/api/v1/assessments/{other.pk}/", f"/api/v1/assessments/{other.pk}/answers/",
                 f"/api/v1/authorities/{other.authority.pk}/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert other.authority.name not in response.content.decode()
    authorities = client.get("/api/v1/authorities/", {"kind": "ca"}).json()
    assert authorities["count"] == 0
    assert client.get("/api/v1/authorities/").json()["count"] == 1


def test_an_officials_national_figures_cannot_be_narrowed_to_small_groups(api, round_):
    round_, mine, theirs = round_
    client = api(UserFactory(viewer_of=mine.authority))
    refused = client.get(f"/api/v1/rounds/{round_.pk}/summary/", {"region": "South West"})
    assert refused.status_code == 403
    assert refused.headers["Content-Type"] == "application/problem+json"
    summary = client.get(f"/api/v1/rounds/{round_.pk}/summary/").json()
    assert summary["exclusions"] == []
    assert all(a.authority.short_name not in json.dumps(summary) for a in theirs)


def test_embedded_objects_are_the_own_authoritys_only(api, round_):
    round_, mine, theirs = round_
    detail = api(UserFactory(viewer_of=mine.authority)).get(f"/api/v1/assessments/{mine.pk}/").json()
    assert detail["authority"]["id"] == mine.authority.pk
    assert detail["round"] == {"id": round_.pk, "name": round_.name}


def test_central_staff_see_every_authority(api, round_):
    round_, mine, theirs = round_
    body = api(ReviewerFactory()).get(f"/api/v1/rounds/{round_.pk}/assessments/").json()
    assert {row["id"] for row in body["results"]} == {mine.pk} | {a.pk for a in theirs}


def test_draft_framework_versions_are_for_admins_only(api, db):
    draft = FrameworkFactory(status=FrameworkStatus.DRAFT, name="Next version")
    assert api(ReviewerFactory()).get(f"/api/v1/frameworks/{draft.pk}/").status_code == 404
    assert api(AdminFactory()).get(f"/api/v1/frameworks/{draft.pk}/").status_code == 200


def test_unpublished_rounds_are_not_public(db, round_):
    from tests.api.schema_check import ApiClient

    round_, _mine, _theirs = round_
    assert ApiClient().get(f"/api/v1/published-rounds/{round_.pk}/").status_code == 404
    assert ApiClient().get(f"/api/v1/published-rounds/{round_.pk}/results/").status_code == 404
    assert ApiClient().get(f"/api/v1/rounds/{round_.pk}/").status_code == 401


def test_an_official_gets_no_median_drawn_from_too_few_other_authorities(client, api, round_):
    round_, mine, theirs = round_  # the official's own and three others: the dashboard withholds
    official = UserFactory(viewer_of=mine.authority)
    client.force_login(official)
    page = client.get(f"/dashboards/rounds/{round_.pk}/")
    summary = api(official).get(f"/api/v1/rounds/{round_.pk}/summary/").json()
    assert page.context["index"].status.value == "withheld"
    assert summary["readiness_index"]["status"] == "withheld"
    assert summary["readiness_index"]["median"] is None
    assert all(step["status"] == "withheld" and step["median"] is None for step in summary["steps"])
    central = api(ReviewerFactory()).get(f"/api/v1/rounds/{round_.pk}/summary/").json()
    assert central["readiness_index"]["status"] != "withheld"  # the rule is for authorities' users only
