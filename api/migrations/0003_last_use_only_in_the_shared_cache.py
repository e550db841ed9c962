"""A token's last use lives only in the shared cache (``api.services.token_mark_used``).

Uses recorded in the table before they moved to the cache are carried into it, unless the
cache already holds a later one, then the column goes: an API read has nothing in the
database it could write, and "last used" has one home. The key is spelt here as
``api.services.last_used_key`` spells it (a migration keeps its own copy of what it uses).
"""
from django.core.cache import cache
from django.db import migrations


def carry_last_uses_into_the_cache(apps, schema_editor):
    ApiToken = apps.get_model("api", "ApiToken")
    recorded = dict(ApiToken.objects.filter(last_used_at__isnull=False).values_list("pk", "last_used_at"))
    if not recorded:
        return
    keys = {pk: f"api-token-last-used:{pk}" for pk in recorded}
    cached = cache.get_many(list(keys.values()))
    later = {
        keys[pk]: used for pk, used in recorded.items() if cached.get(keys[pk]) is None or cached[keys[pk]] < used
    }
    cache.set_many(later, timeout=None)


class Migration(migrations.Migration):
    dependencies = [("api", "0002_shared_cache_table")]

    operations = [
        migrations.RunPython(carry_last_uses_into_the_cache, migrations.RunPython.noop),
        migrations.RemoveField(model_name="apitoken", name="last_used_at"),
    ]
