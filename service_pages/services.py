"""Deleting personal data when the privacy notice says it goes (service_pages/retention.py)."""
from datetime import timedelta

from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from assessments.models import KeptStepInput
from feedback.services import feedback_delete_expired


def personal_data_delete_expired(*, now=None) -> dict[str, int]:
    """Delete ended sessions, old sign-in records, old feedback and expired kept steps; returns how many of each."""
    now = now or timezone.now()
    with transaction.atomic():
        sessions, _ = Session.objects.filter(expire_date__lt=now).delete()
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
