"""HTTP behaviour analysts' tools rely on: ETags, throttling, problem details, pagination, dates, query counts."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.throttling import AnonymousRateThrottle, TokenRateThrottle
from assessments.models import AuthorityKind
from tests.api.schema_check import ApiClient
from tests.builders import populate
from tests.factories import AuthorityFactory, ReviewerFactory, RoundFactory, UserFactory


@pytest.mark.parametrize("path", ["/api/v1/rounds/", "/api/v1/rounds/{pk}/", "/api/v1/rounds/{pk}/assessments/"])
def test_etag_and_if_none_match_on_collections_and_details(api, path):
    round_ = RoundFactory()
    populate(round_, 2)
    client = api(ReviewerFactory())
    url = path.format(pk=round_.pk)
    first = client.get(url)
    etag = first.headers["ETag"]
    assert re.fullmatch(r'"[0-9a-f]+"', etag)
    assert "private" in first.headers["Cache-Control"] and "Authorization" in first.headers["Vary"]
    unchanged = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert unchanged.status_code == 304 and unchanged.content == b"" and unchanged.headers["ETag"] == etag
    round_.name = "Renamed round"
    round_.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_errors_carry_no_etag_and_are_never_304(api):
    client = api(UserFactory())
    response = client.get("/api/v1/assessments/999999/", HTTP_IF_NONE_MATCH="*")
    assert response.status_code == 404 and "ETag" not in response.headers


def test_throttling_is_per_token(api, monkeypatch):
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "3/minute", "anonymous": "100/minute"})
    person = UserFactory()
    first, second = api(person), api(person)
    assert [first.get("/api/v1/rounds/").status_code for _ in range(3)] == [200, 200, 200]
    refused = first.get("/api/v1/rounds/")
    assert refused.status_code == 429
    assert refused.headers["Content-Type"] == "application/problem+json"
    assert int(refused.headers["Retry-After"]) > 0
    assert "Try again in" in refused.json()["detail"]
    assert second.get("/api/v1/rounds/").status_code == 200  # another token of the same person has its own count


def test_public_calls_are_throttled_by_address(db, monkeypatch):
    monkeypatch.setattr(AnonymousRateThrottle, "THROTTLE_RATES", {"token": "100/minute", "anonymous": "2/minute"})
    client = ApiClient()
    assert [client.get("/api/v1/published-rounds/").status_code for _ in range(3)] == [200, 200, 429]


def test_problem_details_for_bad_filters_pages_and_objects(api):
    round_ = RoundFactory()
    client = api(ReviewerFactory())
    bad = client.get(f"/api/v1/rounds/{round_.pk}/assessments/", {"kind": "county", "sort": "colour"})
    assert bad.status_code == 400
    problem = bad.json()
    assert problem["status"] == 400 and problem["title"] == "Bad Request"
    assert problem["instance"] == f"/api/v1/rounds/{round_.pk}/assessments/"
    assert {e["parameter"] for e in problem["errors"]} == {"kind", "sort"}
    assert client.get("/api/v1/rounds/", {"page": 99}).status_code == 404
    assert client.get("/api/v1/rounds/", {"page": "x"}).status_code == 404
    assert client.get("/api/v1/rounds/999999/").json()["title"] == "Not Found"
    assert client.get("/api/v1/rounds/abc/").status_code == 404  # the URL itself does not match
    assert client.post("/api/v1/rounds/").headers["Content-Type"] == "application/problem+json"


def test_pagination_pages_and_page_size(api):
    for _ in range(5):
        RoundFactory()
    client = api(ReviewerFactory())
    page = client.get("/api/v1/rounds/", {"page_size": 2}).json()
    assert page["count"] == 5 and len(page["results"]) == 2 and page["previous"] is None
    last = client.get("/api/v1/rounds/", {"page_size": 2, "page": 3}).json()
    assert len(last["results"]) == 1 and last["next"] is None
    capped = client.get("/api/v1/rounds/", {"page_size": 5000}).json()
    assert len(capped["results"]) == 5


def test_dates_are_iso_8601(api):
    round_ = RoundFactory()
    body = api(ReviewerFactory()).get(f"/api/v1/rounds/{round_.pk}/").json()
    assert body["opens_on"] == round_.opens_on.isoformat()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", body["closes_on"])


@pytest.mark.parametrize("path", ["/api/v1/authorities/", "/api/v1/rounds/{pk}/assessments/", "/api/v1/rounds/{pk}/summary/"])
def test_query_counts_do_not_grow_with_the_data(api, path):
    round_ = RoundFactory()
    client = api(ReviewerFactory())
    url = path.format(pk=round_.pk)
    populate(round_, 2, kind=AuthorityKind.MCA)
    client.get(url)  # stores missing scores once
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    populate(round_, 12, kind=AuthorityKind.CA)
    AuthorityFactory.create_batch(5)
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
