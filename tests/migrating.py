"""Moving the test database between migrations, for tests of data migrations.

Such tests run with ``django_db(transaction=True)`` and must end with ``migrate_to_latest``
(in a ``finally``), so later tests find the whole schema.
"""
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets: list[tuple[str, str | None]]):
    """Migrate to ``targets`` ((app, migration name or None for none)); the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([target for target in targets if target[1] is not None]).apps


def migrate_to_latest() -> None:
    """Forward to every app's latest migration (not just the test's)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
