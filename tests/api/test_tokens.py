"""Personal API tokens from creation to refusal: shown once, stored hashed, refused once dead, never logged."""
import logging
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken
from api.services import hash_secret, last_used_key, token_create, token_revoke
from assessments.services.errors import ActionRefused
from assessments.services.manage_users import user_set_active
from tests.api.schema_check import ApiClient
from tests.factories import AdminFactory, AuthorityFactory, UserFactory

ROUNDS = "/api/v1/rounds/"


@pytest.fixture
def person(db):
    return UserFactory(editor_of=AuthorityFactory())


def _create_on_account_page(client: Client, name="Quarterly R scripts", days="90"):
    return client.post("/account/api-tokens/", {"name": name, "lifetime_days": days})


def test_the_account_page_shows_a_new_secret_once_and_stores_only_its_hash(client, person):
    client.force_login(person)
    response = _create_on_account_page(client)
    assert response.status_code == 200
    token = ApiToken.objects.get(user=person)
    secret = response.context["created"].secret
    assert secret.startswith("lur_") and len(secret) > 40
    assert secret in response.content.decode()
    assert "no-store" in response.headers["Cache-Control"]
    assert token.token_hash == hash_secret(secret) and secret not in token.token_hash
    assert token.name == "Quarterly R scripts"
    assert token.expires_at - token.created_at == timedelta(days=90)
    # Afterwards the page lists the token by name and prefix, never the secret again.
    again = client.get("/account/api-tokens/").content.decode()
    assert "Quarterly R scripts" in again and token.prefix in again and secret not in again
    # And the secret works, as its owner.
    assert ApiClient(secret).get(ROUNDS).status_code == 200


def test_the_account_page_refuses_bad_input_and_changes_nothing(client, person):
    client.force_login(person)
    assert _create_on_account_page(client, name="").status_code == 400
    assert _create_on_account_page(client, days="7").status_code == 400
    assert _create_on_account_page(client, name="x" * 101).status_code == 400
    assert _create_on_account_page(client, name="Same").status_code == 200
    response = _create_on_account_page(client, name="Same")
    assert response.status_code == 400 and "already have a token with that name" in response.content.decode()
    assert ApiToken.objects.filter(user=person).count() == 1


def test_last_used_is_recorded_in_the_shared_cache_not_the_database(client, person, token_for):
    secret = token_for(person)
    client.force_login(person)
    assert "Never" in client.get(reverse("account-api-tokens")).content.decode()
    ApiClient(secret).get(ROUNDS)
    # The table has no column for it (an API read has nothing to write): only the cache knows.
    assert "last_used_at" not in {field.name for field in ApiToken._meta.get_fields()}
    [token] = client.get(reverse("account-api-tokens")).context["tokens"]
    assert token.last_used_at is not None and timezone.now() - token.last_used_at < timedelta(minutes=1)
    assert cache.get(last_used_key(token.pk)) == token.last_used_at


def test_revoked_tokens_are_refused_and_only_the_owner_can_revoke(client, person, token_for):
    secret = token_for(person)
    token = ApiToken.objects.get()
    other = UserFactory()
    client.force_login(other)
    assert client.get(f"/account/api-tokens/{token.pk}/revoke/").status_code == 404
    assert client.post(f"/account/api-tokens/{token.pk}/revoke/").status_code == 404
    with pytest.raises(ActionRefused):
        token_revoke(token=token, by=other)
    assert ApiClient(secret).get(ROUNDS).status_code == 200

    client.force_login(person)
    assert client.get(f"/account/api-tokens/{token.pk}/revoke/").status_code == 200  # asks first
    assert ApiToken.objects.get().revoked_at is None
    assert client.post(f"/account/api-tokens/{token.pk}/revoke/").status_code == 302
    assert ApiToken.objects.get().revoked_at is not None
    response = ApiClient(secret).get(ROUNDS)
    assert response.status_code == 401
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_expired_tokens_are_refused(person):
    created = token_create(user=person, name="Short", lifetime_days=30)
    assert ApiClient(created.secret).get(ROUNDS).status_code == 200
    ApiToken.objects.filter(pk=created.token.pk).update(
        created_at=timezone.now() - timedelta(days=31), expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert ApiClient(created.secret).get(ROUNDS).status_code == 401


def test_deactivating_the_owner_kills_their_tokens_for_good(person, token_for):
    secret = token_for(person)
    admin = AdminFactory()
    user_set_active(user=person, active=False, by=admin)
    assert ApiClient(secret).get(ROUNDS).status_code == 401
    assert ApiToken.objects.get().revoked_at is not None
    user_set_active(user=person, active=True, by=admin)
    assert ApiClient(secret).get(ROUNDS).status_code == 401


def test_an_inactive_owner_is_refused_even_without_the_revocation(person, token_for):
    secret = token_for(person)
    type(person).objects.filter(pk=person.pk).update(is_active=False)  # no signal: as a raw database change
    assert ApiClient(secret).get(ROUNDS).status_code == 401


def test_a_token_has_its_owners_permissions_as_they_are_now(token_for):
    authority = AuthorityFactory()
    person = UserFactory(viewer_of=authority)
    secret = token_for(person)
    client = ApiClient(secret)
    assert client.get(f"/api/v1/authorities/{authority.pk}/").status_code == 200
    person.authority_access.all().delete()
    assert client.get(f"/api/v1/authorities/{authority.pk}/").status_code == 404


@pytest.mark.parametrize("header", [
    "Bearer lur_not-a-real-token", "Bearer", "Bearer two parts", "Bearer \u00e9t\u00e9".encode().decode("latin-1"),
])
def test_malformed_or_unknown_tokens_are_refused_alike(db, header):
    response = Client().get(ROUNDS, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.headers["Content-Type"] == "application/problem+json"


def test_no_other_way_in_session_or_query_string(client, person, token_for):
    secret = token_for(person)
    client.force_login(person)
    assert client.get(ROUNDS).status_code == 401  # a signed-in browser session is not an API credential
    assert Client().get(ROUNDS, {"token": secret}).status_code == 401
    assert Client().get(ROUNDS, HTTP_AUTHORIZATION=f"Token {secret}").status_code == 401


def test_tokens_never_reach_the_logs_or_the_audit_trail(client, caplog, person):
    caplog.set_level(logging.DEBUG)
    client.force_login(person)
    secret = _create_on_account_page(client).context["created"].secret
    api = ApiClient(secret)
    api.get(ROUNDS)
    api.get("/api/v1/assessments/999999/")  # a logged 404
    Client().get(ROUNDS, HTTP_AUTHORIZATION=f"Bearer {secret}x")  # a logged 401 with a near-miss
    token = ApiToken.objects.get()
    token_revoke(token=token, by=person)
    api.get(ROUNDS)
    user_set_active(user=person, active=False, by=AdminFactory())
    logged = caplog.text
    assert "API token" in logged  # creation and revocation are logged, by id and prefix
    assert secret not in logged and secret[len(token.prefix):] not in logged and token.token_hash not in logged
    # Tokens have no history table, and no other history row carries the secret or its hash.
    assert not hasattr(ApiToken, "history")
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            for row in model.objects.values():
                text = repr(row)
                assert secret not in text and token.token_hash not in text
    admin = AdminFactory()
    client.force_login(admin)
    audit = client.get("/manage/audit/").content.decode()
    assert secret not in audit and token.token_hash not in audit
