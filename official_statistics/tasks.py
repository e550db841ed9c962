"""Tasks of the official statistics app (only the backport's public API: on Django 6, ``django.tasks``).

Imported by path from the task queue, so keep these names stable.
"""
from django_tasks import task


@task()
def run_statistics_import(run_id: str) -> str:
    from .services.uploads import import_run_execute

    return import_run_execute(run_id=run_id)
