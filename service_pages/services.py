"""Deleting personal data when the privacy notice says it goes (service_pages/retention.py)."""
from datetime import timedelta

from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection, transaction
from django.utils import timezone

from assessments.models import KeptStepInput
from feedback.services import feedback_delete_expired


def personal_data_delete_expired(*, now=None) -> dict[str, int]:
    """Delete ended sessions, old sign-in records, old feedback and expired kept steps; returns how many of each."""
    now = now or timezone.now()
    with transaction.atomic():
        sessions, _ = Session.objects.filter(expire_date__lt=now).delete()  # from before sessions moved to the cache
        sessions += _ended_cached_sessions_delete(now=now)
        attempts, _ = AccessAttempt.objects.filter(
            attempt_time__lt=now - timedelta(hours=settings.AXES_COOLOFF_TIME)
        ).delete()
        sign_ins, _ = AccessLog.objects.filter(
            attempt_time__lt=now - timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
        ).delete()
        feedback = feedback_delete_expired(now=now)
        kept_steps, _ = KeptStepInput.objects.filter(expires_at__lte=now).delete()
    return {
        "ended sessions": sessions, "failed sign-in records": attempts, "sign-in records": sign_ins,
        "feedback": feedback, "kept steps": kept_steps,
    }


def _ended_cached_sessions_delete(*, now) -> int:
    """Ended sessions in the shared cache (levelup/settings.py). Redis drops them itself when
    they expire; the database cache deletes expired rows only when it is full, so here."""
    cache = caches[settings.SESSION_CACHE_ALIAS]
    if not isinstance(cache, DatabaseCache):
        return 0
    table = connection.ops.quote_name(cache._table)  # Django's DatabaseCache keeps its table name here
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE expires < %s", [now])
        return cursor.rowcount

