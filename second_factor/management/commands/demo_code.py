"""python manage.py demo_code: the current code for the demo accounts' authenticator secret (DEBUG only)."""
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from second_factor.demo import DEMO_TOTP_SECRET, demo_code


class Command(BaseCommand):
    help = "Print the code an authenticator app with the demo secret shows now (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_code only runs with DEBUG on: the demo secret is for demo data only.")
        self.stdout.write(f"{demo_code()}  (secret {DEMO_TOTP_SECRET}; it changes every 30 seconds)")
