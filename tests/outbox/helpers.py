"""Running the real task queue inside a test: the database backend and its worker, in-process."""
from contextlib import contextmanager
from unittest import mock

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
OUTAGE_BACKEND = "tests.outbox.mail_backends.MailServerDownBackend"
LOCMEM_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@contextmanager
def database_queue(**more_settings):
    """Tasks are rows in the database, run only by a worker, as in production."""
    with override_settings(TASKS=DATABASE_TASKS, **more_settings):
        yield


def run_worker() -> None:
    """``manage.py db_worker --batch``: run every task that is due, then stop.

    The worker recycles its database connection between tasks, as Django does between
    requests; inside a test's transaction that would close the test's connection, so only
    that is switched off here (tests/outbox/test_worker_process.py runs the real thing).
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", verbosity=0)


def let_retry_delays_pass() -> int:
    """As if the wait before every scheduled retry were over (the worker compares run_after with now)."""
    return DBTaskResult.objects.filter(status="READY", run_after__gt=timezone.now()).update(run_after=timezone.now())
