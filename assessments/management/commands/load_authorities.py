"""python manage.py load_authorities [--directory DIR]: load the authority reference data."""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assessments.services.authorities_load import AuthorityDataError, authorities_load


class Command(BaseCommand):
    help = (
        "Load councils, combined authorities, CCAs, the GLA and LEPs with their memberships, strategic-authority "
        "tiers, devolution facts and lineage (safe to re-run)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            type=Path,
            default=settings.BASE_DIR / "fixtures" / "authorities",
            help="Folder holding authorities.csv and the other reference files (default: fixtures/authorities).",
        )

    def handle(self, *args, directory: Path, **options):
        try:
            report = authorities_load(directory=directory)
        except AuthorityDataError as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        self.stdout.write(f"Authority reference data from {directory}")
        for line in report.lines():
            self.stdout.write(f"  {line}")
        style = self.style.SUCCESS if report.changed else self.style.NOTICE
        self.stdout.write(style("Changes saved." if report.changed else "Already up to date: nothing changed."))
