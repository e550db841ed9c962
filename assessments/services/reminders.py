"""Deadline reminders: 7 days and 1 day before an assessment's deadline, at most once each.

Safe to run every day (or twice a day): a ``ReminderSent`` row, unique per assessment,
kind and deadline, is written in the same transaction that queues the emails, so a
reminder already sent is never sent again. A moved deadline (an extension) is a new
deadline, so it gets its own reminders. If the command missed a day, the week reminder
still goes out on a later day of that week rather than never.
"""
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import IntegrityError, transaction

from assessments.models import Assessment, ReminderKind, ReminderSent, RoundState
from assessments.models.rounds import EDITABLE_STATES, deadline_expression

from .notifications import authority_editors, notify_deadline

# kind -> (fewest, most) days left for which that reminder is due.
WINDOWS = {
    ReminderKind.WEEK_BEFORE: (2, 7),
    ReminderKind.DAY_BEFORE: (0, 1),
}


@dataclass
class ReminderReport:
    sent: list[tuple[Assessment, str, int]] = field(default_factory=list)  # assessment, kind, emails
    skipped_no_editors: list[Assessment] = field(default_factory=list)


def reminder_kind(days_left: int) -> str | None:
    for kind, (fewest, most) in WINDOWS.items():
        if fewest <= days_left <= most:
            return kind
    return None


def assessments_due_reminders(*, today: date):
    """Not-yet-submitted assessments of open rounds whose deadline falls within a week."""
    return (
        Assessment.objects.filter(round__state=RoundState.OPEN, state__in=list(EDITABLE_STATES))
        .annotate(due=deadline_expression())
        .filter(due__gte=today, due__lte=today + timedelta(days=7))
        .select_related("round", "authority")
        .order_by("due", "authority__name")
    )


def deadline_reminders_send(*, today: date) -> ReminderReport:
    report = ReminderReport()
    for assessment in assessments_due_reminders(today=today):
        days_left = (assessment.due - today).days
        kind = reminder_kind(days_left)
        if kind is None:
            continue
        editors = authority_editors(authority_id=assessment.authority_id)
        if not editors:
            report.skipped_no_editors.append(assessment)
            continue
        sent = _send_once(assessment=assessment, kind=kind, days_left=days_left, editors=editors)
        if sent:
            report.sent.append((assessment, kind, sent))
    return report


def _send_once(*, assessment: Assessment, kind: str, days_left: int, editors) -> int:
    """Record the reminder and queue its emails together; 0 if it was already sent."""
    try:
        with transaction.atomic():
            _, created = ReminderSent.objects.get_or_create(assessment=assessment, kind=kind, deadline=assessment.due)
            if not created:
                return 0
            return notify_deadline(assessment=assessment, days_left=days_left, recipients=editors)
    except IntegrityError:  # a second copy of the command running at the same moment won the race
        return 0


__all__ = ["ReminderReport", "deadline_reminders_send", "reminder_kind"]
