"""python manage.py send_deadline_reminders: email editors 7 days and 1 day before their deadline.

Run daily from cron; running it again the same day sends nothing new.
"""
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from assessments.services.reminders import deadline_reminders_send


class Command(BaseCommand):
    help = "Send deadline reminders (7 days and 1 day before) to editors of assessments not yet submitted. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD), for testing.")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as error:
                raise CommandError("--today must be a date like 2026-11-28") from error
        report = deadline_reminders_send(today=today)
        for assessment, kind, emails in report.sent:
            self.stdout.write(f"Sent {kind} reminder for {assessment} to {emails} editor(s)")
        for assessment in report.skipped_no_editors:
            self.stdout.write(f"No active editors to remind for {assessment}")
        self.stdout.write(f"Reminders sent: {len(report.sent)}")
