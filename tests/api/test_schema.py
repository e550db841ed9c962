"""The OpenAPI schema validates, and its documentation page works under the site's strict CSP."""
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from drf_spectacular.validation import validate_schema

from tests.api.schema_check import openapi_schema

pytestmark = pytest.mark.django_db


def test_generated_schema_is_valid_openapi_with_no_warnings(tmp_path):
    # --fail-on-warn: a view whose types the generator had to guess fails here.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    validate_schema(openapi_schema())
    assert openapi_schema()["openapi"].startswith("3.1")


def test_every_operation_documents_its_problem_responses():
    for path, item in openapi_schema()["paths"].items():
        operation = item["get"]
        responses = operation["responses"]
        assert "404" in responses and "429" in responses and "400" in responses, path
        assert "application/problem+json" in responses["404"]["content"], path
        public = {} in operation.get("security", [{}])
        assert ("401" in responses) != public, f"{path}: 401 documented only where a token is required"


def test_schema_is_served_to_anyone(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["paths"].keys() == openapi_schema()["paths"].keys()
    assert client.get("/api/schema/").status_code == 200  # YAML by default


def test_docs_page_loads_everything_from_this_origin_under_the_site_csp(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe" not in csp
    # No inline script or style: every script has a src on this origin, and there is no <style>.
    assert "<style" not in html
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all('src="/' in attrs for attrs in scripts)
    assert "validator.swagger.io" not in html
    for asset in re.findall(r'(?:src|href)="/static/([^"?]+)"', html):
        assert finders.find(asset), f"{asset} is not a local static file"
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and script.headers["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in script.content.decode()


def test_docs_and_schema_ignore_tokens_and_sessions(client):
    response = client.get("/api/docs/", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert response.status_code == 200
    assert settings.REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] == ["api.authentication.ApiTokenAuthentication"]


# --- Stable snake_case field names -------------------------------------------------------
# Every field a v1 response can carry, by operation, with its JSON types: the reviewed record
# of what analysts' scripts rely on. A field renamed, removed or retyped fails the test (that
# is a new version, not v1); a field added fails too until it is added to the file, so every
# change to v1 is a deliberate, reviewed diff. To see the generated list after changing a
# serializer: API_FIELDS_REPORT=1 pytest tests/api/test_schema.py -k stable -s
V1_FIELDS = Path(__file__).with_name("v1_fields.txt")
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


def _resolve(node: dict, document: dict) -> dict:
    while "$ref" in node:
        node = document["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _types(node: dict, document: dict) -> set[str]:
    node = _resolve(node, document)
    found = set()
    for key in ("allOf", "oneOf", "anyOf"):
        for part in node.get(key, []):
            found |= _types(part, document)
    kind = node.get("type")
    if kind is None and "enum" in node:
        kind = ["null"] if node["enum"] == [None] else ["string"]
    for one in [kind] if isinstance(kind, str) else kind or []:
        found.add(f"{one}({node['format']})" if one == "string" and "format" in node else one)
    return found


def _fields(node: dict, document: dict, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(dotted field path, its JSON types) for every property reachable from ``node``."""
    node = _resolve(node, document)
    for key in ("allOf", "oneOf", "anyOf"):
        for part in node.get(key, []):
            yield from _fields(part, document, prefix)
    for name, child in node.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        yield path, "|".join(sorted(_types(child, document)))
        yield from _fields(child, document, path)
    if "items" in node:
        yield from _fields(node["items"], document, f"{prefix}[]")


def _v1_fields() -> set[str]:
    document = openapi_schema()
    lines = set()
    for path, item in document["paths"].items():
        operation = item["get"]
        for parameter in operation.get("parameters", []):
            lines.add(f"GET {path} ?{parameter['name']}")
        for status, response in operation["responses"].items():
            if not status.startswith("2"):
                continue
            for field, types in _fields(response["content"]["application/json"]["schema"], document):
                lines.add(f"GET {path} {field} {types}")
    return lines


def test_field_and_parameter_names_are_snake_case():
    names = {part for line in _v1_fields() for part in re.split(r"\[\]|\.", line.split(" ")[2].lstrip("?")) if part}
    assert names and not [name for name in names if not SNAKE_CASE.match(name)]
    assert "readiness_index" in names and "period_start" in names  # the walk reaches nested fields


def test_v1_field_names_and_types_are_stable():
    generated = _v1_fields()
    if os.environ.get("API_FIELDS_REPORT"):
        print("\n".join(sorted(generated)))
        return
    pinned = {line for line in V1_FIELDS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")}
    assert not pinned - generated, "v1 fields renamed, removed or retyped (clients rely on them):\n" + "\n".join(sorted(pinned - generated))
    assert not generated - pinned, f"new v1 fields: review them, then add them to {V1_FIELDS.name}:\n" + "\n".join(sorted(generated - pinned))
