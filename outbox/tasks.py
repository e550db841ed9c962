"""The outbox's tasks. Imported by path from the task queue, so keep these names stable.

Only the backport's public API is used (``django_tasks.task``): on Django 6 the import
becomes ``django.tasks`` and nothing else changes.
"""
from django_tasks import task


@task()
def deliver_email(email_id: int) -> str:
    """Hand one message to the mail backend; retries are scheduled by the service, not raised."""
    from .services import email_deliver

    return email_deliver(email_id=email_id)
