"""Fixtures for the administration tests."""
import pytest

from assessments.models import AuthorityAccess


@pytest.fixture
def admin_client(client, people):
    client.force_login(people["admin"])
    return client


@pytest.fixture
def admin(people):
    return people["admin"]


@pytest.fixture
def access_row(people, authority):
    return AuthorityAccess.objects.get(user=people["editor"], authority=authority)
