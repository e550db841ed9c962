"""GET and HEAD never write: every URL of the page and API matrices, for every role.

Each request runs inside a check on the database connection that fails on any INSERT,
UPDATE or DELETE (or a locking read) of an application table. Only the shared cache's own
tables are allowed: they are the cache engine (sessions renewed on every request, API
throttle counts and tokens' last uses, cached roll-ups), not application data, and on
Redis they are not in the database at all (levelup/settings.py). A token's last use has
no column to write (api/migrations/0003): the shared cache is its only home.
"""
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from tests.security.test_api_matrix import API_URL_NAMES, api_url_for, api_world  # noqa: F401 - the shared fixture
from tests.security.test_url_matrix import ALL_URL_NAMES, ROLES, url_for, world  # noqa: F401 - the shared fixture

CACHE_TABLES = {cache["LOCATION"] for cache in settings.CACHES.values() if cache["BACKEND"].endswith("DatabaseCache")}
WRITE = re.compile(r"^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?([\w.]+)\"?", re.IGNORECASE)
LOCK = re.compile(r"\bFOR\s+(NO\s+KEY\s+)?UPDATE\b", re.IGNORECASE)


class WriteRecorder:
    """``connection.execute_wrapper``: remembers every statement that writes to an application table."""

    def __init__(self):
        self.writes: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        match = WRITE.match(sql)
        if match and match.group(2) not in CACHE_TABLES:
            self.writes.append(sql[:200])
        elif LOCK.search(sql):
            self.writes.append(sql[:200])  # a lock is taken to write
        return execute(sql, params, many, context)


def test_the_check_sees_a_write():
    """The check itself: a write is seen, a read and a cache write are not."""
    recorder = WriteRecorder()
    recorder(lambda *a: None, 'UPDATE "api_apitoken" SET "revoked_at" = %s', [], False, {})
    recorder(lambda *a: None, 'SELECT 1 FROM "assessments_round"', [], False, {})
    recorder(lambda *a: None, f'UPDATE "{sorted(CACHE_TABLES)[0]}" SET value = %s', [], False, {})
    assert len(recorder.writes) == 1 and CACHE_TABLES


def _requests(client, url):
    return client.get(url), client.head(url)


@pytest.mark.parametrize("name", ALL_URL_NAMES)
def test_pages_read_without_writing(world, name):  # noqa: F811 - the shared fixture
    url = url_for(name, world)
    clients = {}
    for role in ROLES:  # signing in writes (it is a POST in real life): done before the check
        clients[role] = Client()
        if role != "anonymous":
            clients[role].force_login(world["people"][role])
    recorder = WriteRecorder()
    with connection.execute_wrapper(recorder):
        for role in ROLES:
            for response in _requests(clients[role], url):
                assert response.status_code < 500, (name, role)
                if getattr(response, "streaming", False):
                    b"".join(response.streaming_content)
    assert recorder.writes == [], f"GET/HEAD {url} wrote: {recorder.writes}"


@pytest.mark.parametrize("name", API_URL_NAMES)
def test_api_reads_without_writing(api_world, name):  # noqa: F811 - the shared fixture
    from api.services import token_create

    url = api_url_for(name, api_world)  # the page matrix's world with an official statistics indicator
    clients = {"anonymous": Client()}  # plain clients: the schema check has nothing to say about HEAD
    for role in ROLES[1:]:
        secret = token_create(user=api_world["people"][role], name=f"reads {name}", lifetime_days=30).secret
        clients[role] = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    recorder = WriteRecorder()
    with connection.execute_wrapper(recorder):
        for role, client in clients.items():
            for response in _requests(client, url):
                assert response.status_code < 500, (name, role)
    assert recorder.writes == [], f"GET/HEAD {url} wrote: {recorder.writes}"
