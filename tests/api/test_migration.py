"""api 0003: last uses recorded in the old column move into the shared cache before the column goes."""
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from api.selectors import tokens_with_last_use
from api.services import last_used_key, token_create
from tests.factories import UserFactory
from tests.migrating import migrate_to, migrate_to_latest


@pytest.mark.django_db(transaction=True)
def test_last_uses_in_the_old_column_move_to_the_cache_unless_it_knows_a_later_one():
    person = UserFactory()
    old_only, cache_later, never = (token_create(user=person, name=name, lifetime_days=30).token for name in "abc")
    now = timezone.now().replace(microsecond=0)
    cache.delete_many([last_used_key(token.pk) for token in (old_only, cache_later, never)])
    cache.set(last_used_key(cache_later.pk), now, timeout=None)  # used through the cache since
    try:
        old_apps = migrate_to([("api", "0002_shared_cache_table")])  # back to the last_used_at column
        OldToken = old_apps.get_model("api", "ApiToken")
        OldToken.objects.filter(pk=old_only.pk).update(last_used_at=now - timedelta(days=3))
        OldToken.objects.filter(pk=cache_later.pk).update(last_used_at=now - timedelta(days=9))
    finally:
        migrate_to_latest()

    shown = {token.pk: token.last_used_at for token in tokens_with_last_use(user=person)}
    assert shown == {old_only.pk: now - timedelta(days=3), cache_later.pk: now, never.pk: None}
