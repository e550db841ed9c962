"""Feedback reads for admins."""
from django.db.models import QuerySet

from .models import Feedback


def feedback_newest_first() -> QuerySet[Feedback]:
    return Feedback.objects.order_by("-created_at", "-id")


def feedback_csv_rows():
    """(header, rows) for the export: every piece of feedback, newest first, streamed in chunks."""
    header = ["Received", "Satisfaction", "Comments", "Page", "Reply to"]
    rows = (
        [f.created_at.isoformat(timespec="seconds"), f.get_satisfaction_display(), f.comments, f.page, f.reply_email]
        for f in feedback_newest_first().iterator(chunk_size=500)
    )
    return header, rows
