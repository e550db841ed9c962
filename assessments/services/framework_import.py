"""Load a framework version from its human-readable YAML file into the database.

Typical use (what ``manage.py load_framework`` does)::

    data = framework_parse(text=path.read_text())      # FrameworkInvalid if not YAML
    errors = framework_validate(data=data)              # plain-English, one per problem
    framework = framework_import(data=data)             # FrameworkInvalid / FrameworkFrozen

Parsing and exporting live in ``framework_format``, checking in ``framework_validation``;
they are re-exported here so callers need one import.
"""
from enum import StrEnum

from django.db import transaction

from assessments.models import Criterion, Framework, Step

from .errors import ActionRefused
from .framework_format import (
    FrameworkInvalid,
    framework_content,
    framework_export,
    framework_normalise,
    framework_parse,
)
from .framework_validation import SCALE, framework_validate

__all__ = [
    "SCALE",
    "FrameworkFrozen",
    "FrameworkInvalid",
    "ImportOutcome",
    "framework_content",
    "framework_export",
    "framework_import",
    "framework_import_with_outcome",
    "framework_normalise",
    "framework_parse",
    "framework_validate",
]


class FrameworkFrozen(ActionRefused):
    """The file changes a version that assessments have already used."""


class ImportOutcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def framework_import(*, data: dict) -> Framework:
    """Create or update the version the file names; see ``framework_import_with_outcome``."""
    framework, _ = framework_import_with_outcome(data=data)
    return framework


@transaction.atomic
def framework_import_with_outcome(*, data: dict) -> tuple[Framework, ImportOutcome]:
    """Create or update the version (name, version) the file names, and say which happened.

    Identical content changes nothing. Different content for a frozen version is refused
    and nothing is written: assessments that used it must keep meaning what they meant.
    The version is published unless the file says ``status: draft``.
    """
    errors = framework_validate(data=data)
    if errors:
        raise FrameworkInvalid("The framework file has problems, so nothing was loaded.", details=errors)
    content = framework_normalise(data=data)
    # The lock makes two loads of one version queue, so "unchanged" is judged on settled rows.
    framework = (
        Framework.objects.select_for_update().filter(name=content["name"], version=content["version"]).first()
    )
    if framework is None:
        framework = Framework(name=content["name"], version=content["version"])
        outcome = ImportOutcome.CREATED
    elif framework_content(framework=framework) == content:
        return framework, ImportOutcome.UNCHANGED
    elif framework.is_frozen:
        raise FrameworkFrozen(
            f"{framework} is frozen (it is published or assessments have used it), so the file was not loaded. "
            f"To change the framework, give the file a new version number (such as {framework.version + 1})."
        )
    else:
        outcome = ImportOutcome.UPDATED

    framework.status = content["status"]
    framework.description = content["description"]
    framework.source = content["source"]
    framework.save()
    # Not frozen means no assessment, and so no answer, points at these rows: rebuilding
    # them is safe, and avoids clashing positions while criteria are reordered in place.
    framework.steps.all().delete()
    for step_data in content["steps"]:
        step = Step.objects.create(
            framework=framework, number=step_data["number"], title=step_data["title"], weight=step_data["weight"],
            given_short_title=step_data.get("short_title", ""),
        )
        Criterion.objects.bulk_create(
            _criterion_row(step=step, position=position, data=criterion)
            for position, criterion in enumerate(step_data["criteria"], start=1)
        )
    return framework, outcome


def _criterion_row(*, step: Step, position: int, data: dict) -> Criterion:
    return Criterion(
        step=step,
        code=data["code"],
        position=position,
        title=data["title"],
        guidance=data["guidance"],
        weight=data["weight"],
        allows_not_applicable=data["not_applicable"],
        not_applicable_guidance=data.get("not_applicable_guidance", ""),
        measures_centre=data.get("measures_centre", False),
        shows_government_record=data.get("government_record", False),
        **{f"level_{level}": text for level, text in data["levels"].items()},
    )
