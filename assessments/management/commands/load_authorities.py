"""python manage.py load_authorities [--directory DIR]: load the authority reference data."""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assessments.models import Authority
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
        parser.add_argument(
            "--only-if-empty", action="store_true",
            help="Load nothing if authorities are already loaded, so admins' edits survive (make run uses this).",
        )

    def handle(self, *args, directory: Path, only_if_empty: bool = False, **options):
        if only_if_empty and Authority.objects.exists():
            self.stdout.write(self.style.NOTICE(
                "Authorities already loaded: kept as they are, with any admin's edits. "
                "Run manage.py load_authorities to make them the reference files again."
            ))
            return
        try:
            report = authorities_load(directory=directory)
        except AuthorityDataError as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        self.stdout.write(f"Authority reference data from {directory}")
        for line in report.lines():
            self.stdout.write(f"  {line}")
        style = self.style.SUCCESS if report.changed else self.style.NOTICE
        self.stdout.write(style("Changes saved." if report.changed else "Already up to date: nothing changed."))
