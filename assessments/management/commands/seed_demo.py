"""python manage.py seed_demo: demo users, rounds and answers for local use (DEBUG only)."""
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from assessments.models import Authority
from assessments.services.demo import DemoRefused, demo_framework, demo_seed
from assessments.services.demo_users import DEMO_PASSWORD, DEMO_USERS
from second_factor.demo import DEMO_TOTP_SECRET, demo_second_factor_seed


class Command(BaseCommand):
    help = "Create demo users, a closed 2020 baseline round and an open current round (DEBUG only; safe to re-run)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo only runs with DEBUG on (DEBUG=true). It creates users with a published password, "
                "so it refuses to run with production settings."
            )
        started = time.monotonic()
        # The demo needs the reference data and the framework; load them if this is a fresh database.
        if not Authority.objects.exists():
            call_command("load_authorities", stdout=self.stdout, stderr=self.stderr)
        if demo_framework() is None:
            call_command("load_framework", stdout=self.stdout, stderr=self.stderr)
        try:
            report = demo_seed()
        except DemoRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        demo_second_factor_seed(emails=[user.email for user in DEMO_USERS])

        self.stdout.write("Demo data:")
        for line in report.lines():
            self.stdout.write(f"  {line}")
        if not report.created:
            self.stdout.write("  Nothing new: the demo data was already there, and existing answers were left alone.")
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.1f} s."))
        self._sign_ins()

    def _sign_ins(self) -> None:
        rows = [("Email", "Name", "Role", "Password")]
        rows += [(user.email, user.full_name, user.role, DEMO_PASSWORD) for user in DEMO_USERS]
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        self.stdout.write("\nSign in with any of these (accounts that already existed keep their password):\n")
        for number, row in enumerate(rows):
            self.stdout.write("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
            if number == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in widths))
        self.stdout.write(
            "\nThe reviewer, lead reviewer and admin also give a code from an authenticator app. Add this key\n"
            f"to any authenticator app (time-based, 6 digits): {DEMO_TOTP_SECRET}\n"
            "or print the current code with: DEBUG=true .venv/bin/python manage.py demo_code"
        )
