"""The OpenAPI schema validates, and its documentation page works under the site's strict CSP."""
import re

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
