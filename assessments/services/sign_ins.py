"""Sign-ins in the audit trail.

Django's own ``user_logged_in`` receiver saves ``last_login``; simple-history records that
save as a change to the person with nothing visible changed (``last_login`` is not kept).
This receiver, connected after Django's, names that record for what it was.
"""
from datetime import timedelta

from django.utils import timezone

from assessments.models import User
from assessments.selectors.manage_audit import SIGNED_IN

# Only the record the sign-in itself has just made is renamed, never an older one.
JUST_NOW = timedelta(seconds=30)


def record_sign_in(sender, request, user, **kwargs) -> None:
    latest = User.history.filter(id=user.pk).order_by("-history_date", "-history_id").first()
    if (
        latest is not None and latest.history_type == "~" and not latest.history_change_reason
        and latest.history_date >= timezone.now() - JUST_NOW
    ):
        User.history.filter(history_id=latest.history_id).update(history_change_reason=SIGNED_IN)
