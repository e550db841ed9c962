"""Tasks of the downloads app (only the backport's public API: on Django 6, ``django.tasks``)."""
from django_tasks import task


@task()
def prepare_round_xlsx(export_id: str) -> str:
    from .services import prepared_export_build

    return prepared_export_build(export_id=export_id)


@task()
def expire_prepared_export(export_id: str) -> str:
    from .services import prepared_export_expire

    return prepared_export_expire(export_id=export_id)
