"""What an operator relies on: health check, security headers, friendly failure pages."""
import pytest
from django.db import connection
from django.db.utils import OperationalError
from django.test import Client
from django.urls import path

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_database_unreachable(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_security_headers_on_every_page(client):
    response = client.get("/sign-in/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def _database_down(request):
    raise OperationalError("server closed the connection unexpectedly")


def _bug(request):
    raise ValueError("a programming error with secret details")


urlpatterns = [path("down/", _database_down), path("bug/", _bug)]
from levelup.urls import handler500  # noqa: E402,F401  Django reads it from this URLconf: the project's own handler


@pytest.mark.urls("tests.test_operations")
def test_database_outage_shows_friendly_503_without_traceback():
    client = Client(raise_request_exception=False)
    response = client.get("/down/")
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "Sorry, the service is unavailable" in page
    assert "Traceback" not in page and "OperationalError" not in page


@pytest.mark.urls("tests.test_operations")
def test_unexpected_error_shows_500_page_without_details():
    client = Client(raise_request_exception=False)
    response = client.get("/bug/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in page
    assert "secret details" not in page
