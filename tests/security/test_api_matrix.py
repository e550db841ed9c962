"""The API's authorisation matrix: every /api/ URL x every role (a token each, or none) x GET and POST.

Generated from the URL configuration like the page matrix (tests/security/test_url_matrix.py,
whose ``world`` and roles it shares): an API URL added without an entry in ``EXPECTED``
fails ``test_every_api_url_has_an_entry``. Here "anonymous" means no token. Every response
is also checked against the OpenAPI schema. Objects of another authority answer 404.

To see the observed matrix after changing URLs: MATRIX_REPORT=1 pytest tests/security/test_api_matrix.py -s
"""
import os

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from api.services import token_create
from official_statistics.models import Dataset, Indicator, Mission, Observation
from tests.api.schema_check import ApiClient
from tests.security.test_url_matrix import ROLES, world  # noqa: F401 - the shared fixture


def _api_urls(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            yield from _api_urls(pattern.url_patterns, inner)
        elif pattern.name and namespace == "api":
            yield f"api:{pattern.name}"


API_URL_NAMES = sorted(set(_api_urls(get_resolver().url_patterns)))


def api_url_for(name: str, w: dict) -> str:
    """The URL of ``name`` pointing at the own authority's objects."""
    args = {
        "api:round-detail": [w["current"].pk], "api:round-scores-assessments": [w["current"].pk],
        "api:round-scores-summary": [w["current"].pk], "api:authority-detail": [w["own"].pk],
        "api:framework-detail": [w["framework"].pk], "api:assessment-detail": [w["submitted"].pk],
        "api:assessment-answers": [w["submitted"].pk], "api:published-round-detail": [w["published"].pk],
        "api:published-round-results": [w["published"].pk],
        "api:indicator-detail": [w["indicator"].pk], "api:indicator-values": [w["indicator"].pk],
        "api:authority-statistics": [w["own"].pk],
    }.get(name, [])
    return reverse(name, args=args)


def observe(name: str, role: str, method: str, w: dict) -> int:
    token = None
    if role != "anonymous":
        token = token_create(user=w["people"][role], name=f"matrix {name} {method}", lifetime_days=30).secret
    client = ApiClient(token)
    url = api_url_for(name, w)
    response = client.get(url) if method == "GET" else client.post(url, {})
    return response.status_code


# Observed statuses in ROLES order, reviewed by hand: "GET" and "POST" per URL name.
EXPECTED: dict[str, dict[str, str]] = {
    "api:assessment-answers": {"GET": "401 404 200 200 200 200 200", "POST": "401 405 405 405 405 405 405"},
    "api:assessment-detail": {"GET": "401 404 200 200 200 200 200", "POST": "401 405 405 405 405 405 405"},
    "api:authority-detail": {"GET": "401 404 200 200 200 200 200", "POST": "401 405 405 405 405 405 405"},
    "api:authority-list": {"GET": "401 200 200 200 200 200 200", "POST": "401 405 405 405 405 405 405"},
    "api:authority-statistics": {"GET": "401 404 200 200 200 200 200", "POST": "401 405 405 405 405 405 405"},
    "api:indicator-detail": {"GET": "401 200 200 200 200 200 200", "POST": "401 405 405 405 405 405 405"},
    "api:indicator-list": {"GET": "401 200 200 200 200 200 200", "POST": "401 405 405 405 405 405 405"},
    "api:indicator-values": {"GET": "401 200 200 200 200 200 200", "POST": "401 405 405 405 405 405 405"},
    "api:docs": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
    "api:framework-detail": {"GET": "401 200 200 200 200 200 200", "POST": "401 405 405 405 405 405 405"},
    "api:framework-list": {"GET": "401 200 200 200 200 200 200", "POST": "401 405 405 405 405 405 405"},
    "api:published-round-detail": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
    "api:published-round-list": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
    "api:published-round-results": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
    "api:round-detail": {"GET": "401 200 200 200 200 200 200", "POST": "401 405 405 405 405 405 405"},
    "api:round-list": {"GET": "401 200 200 200 200 200 200", "POST": "401 405 405 405 405 405 405"},
    "api:round-scores-assessments": {"GET": "401 200 200 200 200 200 200", "POST": "401 405 405 405 405 405 405"},
    "api:round-scores-summary": {"GET": "401 200 200 200 200 200 200", "POST": "401 405 405 405 405 405 405"},
    "api:not-found": {"GET": "404 404 404 404 404 404 404", "POST": "404 404 404 404 404 404 404"},
    "api:schema": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
}


def test_every_api_url_has_an_entry():
    assert API_URL_NAMES, "no API URLs found: is the api namespace still mounted?"
    missing = [name for name in API_URL_NAMES if name not in EXPECTED]
    assert not missing, f"Add these URLs to EXPECTED in {__file__}: {missing}"


@pytest.fixture
def api_world(world):  # noqa: F811 - the shared fixture
    """The page matrix's world, with an official statistic for the own authority and one for the other."""
    dataset = Dataset.objects.create(
        slug="matrix", source_org="Office for National Statistics", source_url="https://www.ons.gov.uk/x",
        release_date="2025-06-19", digest="0" * 64, imported_at=timezone.now())
    indicator = Indicator.objects.create(
        dataset=dataset, name="Gross value added per hour worked", slug="gva", label="GVA per hour", decimal_places=1,
        prefix="£", mission=Mission.LIVING_STANDARDS, higher_is_better=True, polarity_reason="Higher output is better.")
    for code, value in [(world["own"].code, 30.0), ("E92000001", 38.0)]:
        Observation.objects.create(indicator=indicator, area_code=code, area_name=code, area_type="combined",
                                   period="2023-01-01/P1Y", period_start="2023-01-01", period_months=12, value=value,
                                   latest=True)
    return {**world, "indicator": indicator}


@pytest.mark.parametrize("name", API_URL_NAMES)
def test_api_url_matrix(api_world, name):
    observed = {m: " ".join(str(observe(name, role, m, api_world)) for role in ROLES) for m in ("GET", "POST")}
    if os.environ.get("MATRIX_REPORT"):
        print(f'    "{name}": {{"GET": "{observed["GET"]}", "POST": "{observed["POST"]}"}},')
        return
    assert observed == EXPECTED.get(name), f"{name}: roles {ROLES}"


# Reads that answer 200 with a body of their own (the schema and docs pages are not API resources).
API_READ_NAMES = [
    name for name in API_URL_NAMES
    if EXPECTED[name]["GET"].split()[ROLES.index("reviewer")] == "200" and name not in {"api:schema", "api:docs"}
]


@pytest.mark.parametrize("name", API_READ_NAMES)
def test_every_api_read_has_an_etag_and_answers_if_none_match(api_world, name):
    """Every collection and detail: an ETag, a 304 with no body for it, a 200 for any other."""
    secret = token_create(user=api_world["people"]["reviewer"], name=f"etag {name}", lifetime_days=30).secret
    client = ApiClient(secret)
    url = api_url_for(name, api_world)
    first = client.get(url)
    assert first.status_code == 200 and first.content
    etag = first.headers["ETag"]
    unchanged = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert unchanged.status_code == 304 and unchanged.content == b"" and unchanged.headers["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH='"another"').status_code == 200
