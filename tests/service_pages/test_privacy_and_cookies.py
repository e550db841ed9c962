"""The privacy notice states the retention periods the settings enforce, and the daily job enforces them."""
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assessments.models import KeptStepInput
from feedback.models import Feedback
from service_pages.durations import duration_words


def retention_rows(client) -> dict[str, str]:
    """The privacy notice's table as {data: kept for}."""
    import re

    html = client.get(reverse("privacy-notice")).content.decode()
    body = html[html.index('id="retention"'):]
    rows = re.findall(r'data-label="Data">(.*?)</th>\s*<td[^>]*>(.*?)</td>', body, re.S)
    return {" ".join(data.split()): " ".join(kept.split()) for data, kept in rows}


def kept_for(rows: dict[str, str], starts: str) -> str:
    return next(kept for data, kept in rows.items() if data.startswith(starts))


def test_durations_in_words():
    assert duration_words(1800) == "30 minutes"
    assert duration_words(60 * 60 * 24 * 7 * 52) == "52 weeks"
    assert duration_words(timedelta(days=365)) == "1 year"
    assert duration_words(timedelta(days=90)) == "90 days"
    assert duration_words(timedelta(hours=0.25)) == "15 minutes"


@pytest.mark.django_db
def test_the_privacy_notice_states_the_retention_the_settings_set(client, settings):
    rows = retention_rows(client)
    assert kept_for(rows, "Your signed-in session") == "30 minutes after your last action, and at most 12 hours after you signed in"
    assert kept_for(rows, "A step you were typing") == "1 day"  # kept_input.KEEP_FOR
    assert kept_for(rows, "Failed sign-in attempts") == "15 minutes"  # AXES_COOLOFF_TIME 0.25 hours
    assert kept_for(rows, "Successful sign-ins") == "90 days"
    assert kept_for(rows, "Password reset links") == "3 days"  # Django's PASSWORD_RESET_TIMEOUT
    assert kept_for(rows, "Invitations").startswith("Links work for 1 week")
    assert kept_for(rows, "Feedback") == "1 year"

    settings.SESSION_COOKIE_AGE = 3600
    settings.SESSION_ABSOLUTE_AGE = 8 * 3600
    settings.AXES_COOLOFF_TIME = 2
    settings.ACCESS_LOG_RETENTION_DAYS = 14
    settings.FEEDBACK_RETENTION_DAYS = 30
    rows = retention_rows(client)
    assert kept_for(rows, "Your signed-in session") == "1 hour after your last action, and at most 8 hours after you signed in"
    assert kept_for(rows, "Failed sign-in attempts") == "2 hours"
    assert kept_for(rows, "Successful sign-ins") == "2 weeks"
    assert kept_for(rows, "Feedback") == "30 days"


@pytest.mark.django_db
def test_the_daily_job_deletes_what_the_notice_says_and_keeps_the_rest(settings, assessment, people):
    settings.FEEDBACK_RETENTION_DAYS = 30
    settings.ACCESS_LOG_RETENTION_DAYS = 14
    now = timezone.now()

    def feedback(age_days: float) -> Feedback:
        item = Feedback.objects.create(satisfaction="satisfied", comments=f"{age_days} days old", sender_key="k")
        Feedback.objects.filter(pk=item.pk).update(created_at=now - timedelta(days=age_days))
        return item

    old_feedback, recent_feedback = feedback(30.01), feedback(29.99)
    old_log = AccessLog.objects.create(username="a@example.gov.uk", ip_address="10.0.0.1", user_agent="x")
    recent_log = AccessLog.objects.create(username="b@example.gov.uk", ip_address="10.0.0.2", user_agent="x")
    AccessLog.objects.filter(pk=old_log.pk).update(attempt_time=now - timedelta(days=14, minutes=1))
    AccessLog.objects.filter(pk=recent_log.pk).update(attempt_time=now - timedelta(days=13))
    stale_attempt = AccessAttempt.objects.create(username="c@example.gov.uk", ip_address="10.0.0.3", user_agent="x", failures_since_start=2)
    fresh_attempt = AccessAttempt.objects.create(username="d@example.gov.uk", ip_address="10.0.0.4", user_agent="x", failures_since_start=2)
    AccessAttempt.objects.filter(pk=stale_attempt.pk).update(attempt_time=now - timedelta(minutes=16))
    ended, live = SessionStore(), SessionStore()
    ended.create()
    live.create()
    Session.objects.filter(session_key=ended.session_key).update(expire_date=now - timedelta(seconds=1))

    step = assessment.round.framework.steps.order_by("number")
    expired_step = KeptStepInput.objects.create(
        user=people["editor"], assessment=assessment, step=step[0], data={}, kept_at=now - timedelta(days=2),
        expires_at=now - timedelta(seconds=1),
    )
    live_step = KeptStepInput.objects.create(
        user=people["editor"], assessment=assessment, step=step[1], data={}, kept_at=now, expires_at=now + timedelta(hours=1),
    )

    call_command("delete_expired_personal_data", stdout=open("/dev/null", "w"))

    assert list(KeptStepInput.objects.values_list("pk", flat=True)) == [live_step.pk] != [expired_step.pk]

    assert list(Feedback.objects.values_list("pk", flat=True)) == [recent_feedback.pk]
    assert not Feedback.objects.filter(pk=old_feedback.pk).exists()
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [recent_log.pk]
    assert list(AccessAttempt.objects.values_list("pk", flat=True)) == [fresh_attempt.pk]
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


@pytest.mark.django_db
def test_the_cookies_page_names_the_cookies_from_the_settings(client, settings):
    settings.SESSION_COOKIE_NAME = "levelup_session"
    page = client.get(reverse("cookies")).content.decode()
    assert "<code>levelup_session</code>" in page and "<code>csrftoken</code>" in page and "<code>messages</code>" in page
    assert "<code>levelup_was_signed_in</code>" in page and "1 day" in page
    assert "52 weeks" in page and "30 minutes after your last action" in page


@pytest.mark.django_db
def test_the_accessibility_statement_lists_each_known_issue_with_its_wcag_criterion(client):
    from service_pages.accessibility import known_issues

    page = " ".join(client.get(reverse("accessibility-statement")).content.decode().split())
    assert "partially compliant" in page if known_issues() else "fully compliant" in page
    assert "Your sign-in ends 12 hours after you signed in" in page  # SESSION_ABSOLUTE_AGE
    for issue in known_issues():
        assert all(criterion in page for criterion in issue.criteria)
    for heading in ("How accessible this service is", "Reporting accessibility problems with this service",
                    "Enforcement procedure", "Compliance status", "Preparation of this accessibility statement"):
        assert heading in page


@pytest.mark.django_db
def test_ended_sessions_leave_the_shared_cache_daily(settings):
    """Sessions live in the shared cache; the database cache only drops expired rows when full, so the job does."""
    from django.contrib.sessions.backends.cache import SessionStore as CachedSessionStore
    from django.core.cache import caches
    from django.db import connection

    ended, live = CachedSessionStore(), CachedSessionStore()
    ended.create()
    live.create()
    table = connection.ops.quote_name(caches[settings.SESSION_CACHE_ALIAS]._table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET expires = %s WHERE cache_key LIKE %s",
                       [timezone.now() - timedelta(seconds=1), f"%{ended.session_key}"])
    call_command("delete_expired_personal_data", stdout=open("/dev/null", "w"))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {table}")
        keys = [key for (key,) in cursor.fetchall()]
    assert len(keys) == 1 and keys[0].endswith(live.session_key)
