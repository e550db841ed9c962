"""How long the service keeps each kind of personal data, read from the settings and
constants that make it so. The privacy notice shows this list; tests/service_pages checks
it against the settings, so the notice cannot drift from what the service does."""
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings

from assessments.services.kept_input import KEEP_FOR
from assessments.services.manage_invitations import INVITATION_LIFETIME

from .durations import duration_words

UNTIL_REMOVED = "For as long as the service runs"


@dataclass(frozen=True)
class Retention:
    data: str
    period: str
    how: str


def retention_periods() -> list[Retention]:
    return [
        Retention(
            "Your account: name, email address, role, the authorities you work for and, for central staff, "
            "the secret shared with your second-factor app",
            "While your account exists",
            "An admin can deactivate an account; it then cannot sign in. Your name stays against the answers, "
            "reviews and changes you made, because the audit trail needs it.",
        ),
        Retention(
            "Your signed-in session",
            duration_words(settings.SESSION_COOKIE_AGE) + " after your last action, and at most "
            + duration_words(settings.SESSION_ABSOLUTE_AGE) + " after you signed in",
            "The session then ends and you must sign in again. Ended sessions are deleted by the daily job.",
        ),
        Retention(
            "A step you were typing when your sign-in ended",
            duration_words(KEEP_FOR),
            "Offered back to you, and only you, when you sign in again; deleted once you use or discard it, "
            "and in any case after this time.",
        ),
        Retention(
            "Failed sign-in attempts: the email address entered, network address and browser",
            duration_words(timedelta(hours=settings.AXES_COOLOFF_TIME)),
            f"After {settings.AXES_FAILURE_LIMIT} failures in a row the account is locked for this long; the record "
            "is then deleted by the daily job, or at once when the person signs in successfully.",
        ),
        Retention(
            "Successful sign-ins: email address, network address, browser and times",
            duration_words(timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)),
            "Kept to investigate misuse, then deleted by the daily job.",
        ),
        Retention(
            "Password reset links",
            duration_words(settings.PASSWORD_RESET_TIMEOUT),
            "A link stops working after this time, or once used.",
        ),
        Retention(
            "Invitations: the invited email address, authority and who invited them",
            "Links work for " + duration_words(INVITATION_LIFETIME) + "; the record is kept " + UNTIL_REMOVED.lower(),
            "The record shows who was invited by whom, for the audit trail.",
        ),
        Retention(
            "Audit trail: who changed answers, scores, people, authorities and rounds, and when",
            UNTIL_REMOVED,
            "Assessments are official records: who said what, and who changed it, must stay answerable.",
        ),
        Retention(
            "Feedback: what you wrote, the page you came from, your email address if you gave one, "
            "and a scrambled form of your network address",
            duration_words(timedelta(days=settings.FEEDBACK_RETENTION_DAYS)),
            "Deleted by the daily job. The scrambled network address is only used to stop one sender flooding the "
            "form; it cannot be turned back into the address.",
        ),
    ]
