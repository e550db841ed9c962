"""Property: no request from anyone makes the server fail.

Walks every URL of the authorisation matrix (tests/security/test_url_matrix.py) as every
role, GET and POST, with hostile path segments, query parameters and form values: Unicode
digits, NUL and other control characters, over-long text, huge and negative integers,
out-of-range dates, invalid UTF-8 (percent-encoded bytes) and markup. Form field names
come from the page's own forms (as that role sees it) and a list of names the views read.
Any 5xx fails. Runs on PostgreSQL and, with the other ``both_databases`` tests, on SQLite.

Kept bounded (a few examples per URL, all roles and both methods each) so that both
databases together take a few minutes on two cores.
"""
import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .test_url_matrix import ALL_URL_NAMES, ROLES, url_for, world  # noqa: F401 - world is a fixture

pytestmark = pytest.mark.both_databases

HOSTILE_TEXT = [
    "", " ", "²", "١٢", "３", "\x00", "1\x00", "\x00\x01\x07\x1b", "\x0b", "\x7f\x85\x9f", "\u2028",
    "9" * 30, str(2**63), str(2**64), "-1", "0", "-9223372036854775809", "1e309", "NaN", "1.5",
    "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59", "10000-01-01", "2026-02-30", "99999",
    "x" * 5000, "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "=HYPERLINK(\"x\")",
    "\ufeff\u202e", "🙂" * 50, "true", "on", "desc", "na",
]
# Percent-encoded bytes that are not UTF-8: sent raw, as a browser or attacker could.
INVALID_UTF8 = ["%ff", "%c3%28", "%ed%a0%80", "%00", "%e2%82"]
HOSTILE = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=30), st.integers().map(str))

# Names the views read directly, and the common form fields, besides those on each page.
KNOWN_FIELDS = [
    "round", "page", "q", "sort", "order", "state", "kind", "assigned", "scope", "type", "before", "after",
    "criterion", "body", "action", "as_of", "confirm", "reviewer", "assessments", "active", "digest",
    "reason", "level", "score", "role", "authority", "email", "full_name", "name", "file", "next",
]
FIELD_NAME = re.compile(r'name="([^"]+)"')


@pytest.fixture
def clients(world):  # noqa: F811 - the matrix's fixture
    made = {}
    for role in ROLES:
        client = Client()
        client.raise_request_exception = False
        if role != "anonymous":
            client.force_login(world["people"][role])
        made[role] = client
    return made


def _segments(url: str) -> list[str]:
    """The URL's variable path segments: the ids, codes and tokens ``url_for`` filled in."""
    match = resolve(url)
    return [str(value) for value in [*match.args, *match.kwargs.values()]]


def _hostile_url(url: str, segment: str | None, replacement: str) -> str:
    return url if segment is None else url.replace(f"/{segment}/", f"/{replacement}/", 1).replace(
        f"/{segment}.", f"/{replacement}.", 1
    )


def _form_fields(html: str) -> list[str]:
    return sorted({n for n in FIELD_NAME.findall(html) if n != "csrfmiddlewaretoken"})


@settings(max_examples=2, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
@pytest.mark.parametrize("name", ALL_URL_NAMES)
def test_no_request_makes_a_server_error(world, clients, name, data):  # noqa: F811
    url = url_for(name, world)
    segments = _segments(url)
    segment = data.draw(st.sampled_from([None, *segments]), label="segment")
    if segment is not None and data.draw(st.booleans(), label="invalid utf-8"):
        replacement = data.draw(st.sampled_from(INVALID_UTF8), label="bytes")
    else:
        replacement = quote(data.draw(HOSTILE, label="path value"), safe="") or "x"
    target = _hostile_url(url, segment, replacement)
    query_values = data.draw(st.lists(st.tuples(st.sampled_from(KNOWN_FIELDS), HOSTILE), max_size=4), label="query")
    query = "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in query_values)
    if data.draw(st.booleans(), label="raw bytes in query"):
        query += f"&round={data.draw(st.sampled_from(INVALID_UTF8))}"
    failures = []
    for role in ROLES:
        client = clients[role]
        page = client.get(f"{target}?{query}")
        failures += [("GET", role, target, query, page.status_code)] if page.status_code >= 500 else []
        fields = set(KNOWN_FIELDS)
        if page.status_code == 200 and page.get("Content-Type", "").startswith("text/html"):
            fields |= set(_form_fields(page.content.decode()))
        form = {field: data.draw(HOSTILE, label=f"{role} {field}") for field in sorted(fields)}
        response = client.post(f"{target}?{query}", form)
        if response.status_code >= 500:
            failures.append(("POST", role, target, query, response.status_code, form))
    assert not failures, failures
