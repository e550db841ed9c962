"""Creates the database cache's table (the shared cache behind API throttling) with ``migrate``.

``createcachetable`` is idempotent and does nothing when the cache is Redis, so every
``migrate`` (make run, deploys, tests) leaves the shared cache ready without another step.
"""
from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("api", "0001_api_tokens")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
