"""API fixtures: a personal token for anyone, and a schema-checking client that sends it."""
import pytest

from api.services import token_create
from tests.api.schema_check import ApiClient


@pytest.fixture
def token_for(db):
    def _token(user, name: str = "Analysis scripts", lifetime_days: int = 90) -> str:
        return token_create(user=user, name=name, lifetime_days=lifetime_days).secret

    return _token


@pytest.fixture
def api(token_for):
    """``api(user)``: a client carrying a new token of that user (``api(None)``: no token)."""

    def _client(user=None) -> ApiClient:
        return ApiClient(token_for(user) if user is not None else None)

    return _client
