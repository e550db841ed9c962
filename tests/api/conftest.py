"""API fixtures: a personal token for anyone, and a schema-checking client that sends it."""
import itertools

import pytest

from api.services import token_create
from tests.api.schema_check import ApiClient


@pytest.fixture
def token_for(db):
    numbers = itertools.count(1)

    def _token(user, name: str | None = None, lifetime_days: int = 90) -> str:
        name = name or f"Analysis scripts {next(numbers)}"
        return token_create(user=user, name=name, lifetime_days=lifetime_days).secret

    return _token


@pytest.fixture
def api(token_for):
    """``api(user)``: a client carrying a new token of that user (``api(None)``: no token)."""

    def _client(user=None) -> ApiClient:
        return ApiClient(token_for(user) if user is not None else None)

    return _client
