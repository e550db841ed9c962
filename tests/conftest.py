"""Shared fixtures: one authority's open assessment and a person in every role."""
import pytest

from tests.factories import (
    AdminFactory,
    AssessmentFactory,
    AuthorityFactory,
    LeadReviewerFactory,
    ReviewerFactory,
    RoundFactory,
    UserFactory,
)
from tests.second_factor import install_verified_force_login

# force_login gives central staff a session that has passed the second factor (see tests/second_factor.py).
install_verified_force_login()


@pytest.fixture
def authority(db):
    return AuthorityFactory(name="Greater Manchester Combined Authority", short_name="Greater Manchester")


@pytest.fixture
def other_authority(db):
    return AuthorityFactory(name="West Midlands Combined Authority", short_name="West Midlands")


@pytest.fixture
def open_round(db):
    return RoundFactory(name="2026-27 readiness")


@pytest.fixture
def assessment(authority, open_round):
    return AssessmentFactory(authority=authority, round=open_round)


@pytest.fixture
def people(authority, other_authority) -> dict:
    """Every kind of user, keyed by the role names the permission tests use."""
    return {
        "anonymous": None,
        "other_official": UserFactory(editor_of=other_authority),
        "viewer": UserFactory(viewer_of=authority),
        "editor": UserFactory(editor_of=authority),
        "reviewer": ReviewerFactory(),
        "lead_reviewer": LeadReviewerFactory(),
        "admin": AdminFactory(),
    }


@pytest.fixture
def client_for(client, people):
    def _client(role: str):
        user = people[role]
        if user is not None:
            client.force_login(user)
        return client

    return _client


@pytest.fixture(autouse=True, scope="session")
def evidence_storage_in_a_temporary_folder(tmp_path_factory):
    """Uploaded evidence goes to a throwaway folder, never the project's var/evidence."""
    from django.conf import settings
    from django.test import override_settings

    storages = {**settings.STORAGES, "evidence": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path_factory.mktemp("evidence"))},
    }}
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture(autouse=True)
def each_test_starts_a_fresh_process_memo():
    """Each test is a new world (its database rolled back, SQLite reusing ids), as a new app
    process would see it: forget what the previous test memoised in-process (rollup_cache)."""
    from assessments.selectors import rollup_cache

    rollup_cache.local_clear()
