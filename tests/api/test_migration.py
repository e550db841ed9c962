"""api 0003: last uses recorded in the old column move into the shared cache before the column goes."""
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from api.selectors import tokens_with_last_use
from api.services import last_used_key, token_create
from tests.factories import UserFactory


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(targets).apps if targets else None


@pytest.mark.django_db(transaction=True)
def test_last_uses_in_the_old_column_move_to_the_cache_unless_it_knows_a_later_one():
    person = UserFactory()
    old_only, cache_later, never = (token_create(user=person, name=name, lifetime_days=30).token for name in "abc")
    now = timezone.now().replace(microsecond=0)
    cache.delete_many([last_used_key(token.pk) for token in (old_only, cache_later, never)])
    cache.set(last_used_key(cache_later.pk), now, timeout=None)  # used through the cache since
    try:
        old_apps = _migrate([("api", "0002_shared_cache_table")])  # back to the last_used_at column
        OldToken = old_apps.get_model("api", "ApiToken")
        OldToken.objects.filter(pk=old_only.pk).update(last_used_at=now - timedelta(days=3))
        OldToken.objects.filter(pk=cache_later.pk).update(last_used_at=now - timedelta(days=9))
    finally:
        _migrate(None)  # forward to every app's latest migration, so later tests find the whole schema

    shown = {token.pk: token.last_used_at for token in tokens_with_last_use(user=person)}
    assert shown == {old_only.pk: now - timedelta(days=3), cache_later.pk: now, never.pk: None}
