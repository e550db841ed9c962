"""manage.py load_framework [PATH]: load a framework file (by default LIPSIT 2020 v1).

Safe to run on every deploy: loading unchanged content changes nothing.
"""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assessments.models import Criterion
from assessments.services.framework_import import (
    FrameworkFrozen,
    FrameworkInvalid,
    ImportOutcome,
    framework_import_with_outcome,
    framework_parse,
)

DEFAULT_PATH = Path(settings.BASE_DIR) / "fixtures" / "framework" / "lipsit-2020-v1.yaml"

OUTCOME_MESSAGES = {
    ImportOutcome.CREATED: "Created {framework} ({status}): {steps} steps, {criteria} criteria.",
    ImportOutcome.UPDATED: "Updated {framework} ({status}): {steps} steps, {criteria} criteria.",
    ImportOutcome.UNCHANGED: "{framework} is already loaded with this content: nothing changed.",
}


class Command(BaseCommand):
    help = "Load a readiness framework version from a YAML file (creates it, updates it, or leaves it unchanged)."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", default=str(DEFAULT_PATH), help=f"The framework file (default: {DEFAULT_PATH})."
        )

    def handle(self, *args, path: str, **options):
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Could not read {file}: {error}") from error

        try:
            data = framework_parse(text=text)
            framework, outcome = framework_import_with_outcome(data=data)
        except (FrameworkInvalid, FrameworkFrozen) as refusal:
            # One problem a line, so a long list stays readable and greppable.
            for line in [refusal.message, *refusal.details]:
                self.stderr.write(line)
            raise CommandError(f"{file} was not loaded.") from refusal

        steps = framework.steps.count()
        criteria = Criterion.objects.filter(step__framework=framework).count()
        self.stdout.write(
            self.style.SUCCESS(
                OUTCOME_MESSAGES[outcome].format(
                    framework=framework, status=framework.get_status_display().lower(), steps=steps, criteria=criteria
                )
            )
        )
