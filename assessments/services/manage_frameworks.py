"""Editing framework versions: copy one into a new draft (named, with a note of what
changes), change it, publish it after confirming its differences from the version it was
copied from.

A published version, and any version an assessment has used, is frozen
(``Framework.is_frozen``): every function here refuses to change it, so rounds and
assessments keep meaning what they meant. Changes to the framework are made in a new
version instead. Copying, removing a criterion and publishing are recorded in the
version's history (the audit trail).
"""
import json
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from assessments.models import Criterion, Framework, FrameworkStatus, Step, User

from .confirmation import fingerprint, require_fingerprint
from .errors import ActionRefused
from .framework_format import framework_content

COPIED_CRITERION_FIELDS = (
    "code", "position", "title", "guidance", "weight", "allows_not_applicable", "not_applicable_guidance",
    "measures_centre", "shows_government_record", "level_0", "level_1", "level_2", "level_3", "level_4",
)


@dataclass(frozen=True)
class CriterionDetails:
    title: str
    guidance: str
    weight: Decimal
    allows_not_applicable: bool
    not_applicable_guidance: str
    levels: tuple[str, str, str, str, str]


FROZEN_MESSAGE = "{framework} is published, so it cannot be changed. Make a new version from it instead."


def _refuse_if_frozen(framework: Framework) -> Framework:
    locked = Framework.objects.select_for_update().get(pk=framework.pk)
    if locked.is_frozen:
        raise ActionRefused(FROZEN_MESSAGE.format(framework=locked))
    return locked


def _record(framework: Framework, *, user: User | None, reason: str) -> None:
    framework._history_user = user
    framework._change_reason = reason
    framework.save()


@transaction.atomic
def framework_copy(*, framework: Framework, version_name: str, change_note: str, user: User | None = None) -> Framework:
    """A new draft version (the next number for this name) with the same steps and criteria."""
    if not version_name.strip() or not change_note.strip():
        raise ActionRefused("Enter a name for the new version and a note of what it changes.")
    latest = Framework.objects.select_for_update().filter(name=framework.name).aggregate(top=Max("version"))["top"]
    copy = Framework(
        name=framework.name, version=latest + 1, status=FrameworkStatus.DRAFT,
        description=framework.description, source=framework.source, copied_from=framework,
        version_name=version_name.strip(), change_note=change_note.strip(),
    )
    copy._history_user = user
    copy._change_reason = f"Made from version {framework.version}"
    copy.save()
    for step in Step.objects.filter(framework=framework).prefetch_related("criteria"):
        new_step = Step.objects.create(
            framework=copy, number=step.number, title=step.title, weight=step.weight,
            given_short_title=step.given_short_title,
        )
        Criterion.objects.bulk_create(
            Criterion(step=new_step, **{name: getattr(c, name) for name in COPIED_CRITERION_FIELDS})
            for c in step.criteria.all()
        )
    return copy


@transaction.atomic
def framework_update_step(*, step: Step, title: str, weight: Decimal) -> None:
    _refuse_if_frozen(step.framework)
    if weight <= 0:
        raise ActionRefused("The weight must be more than 0.")
    step.title, step.weight = title.strip(), weight
    step.save(update_fields=["title", "weight"])


def _apply(criterion: Criterion, details: CriterionDetails) -> None:
    if details.weight <= 0:
        raise ActionRefused("The weight must be more than 0.")
    if any(not text.strip() for text in details.levels):
        raise ActionRefused("Enter a descriptor for every level, 0 to 4.")
    if details.allows_not_applicable and not details.not_applicable_guidance.strip():
        raise ActionRefused("Enter guidance on when the criterion is not applicable.")
    criterion.title = details.title.strip()
    criterion.guidance = details.guidance.strip()
    criterion.weight = details.weight
    criterion.allows_not_applicable = details.allows_not_applicable
    criterion.not_applicable_guidance = details.not_applicable_guidance.strip() if details.allows_not_applicable else ""
    for level, text in enumerate(details.levels):
        setattr(criterion, f"level_{level}", text.strip())


@transaction.atomic
def framework_update_criterion(*, criterion: Criterion, details: CriterionDetails) -> None:
    _refuse_if_frozen(criterion.step.framework)
    _apply(criterion, details)
    criterion.save()


@transaction.atomic
def framework_add_criterion(*, step: Step, details: CriterionDetails) -> Criterion:
    """A new criterion at the end of the step, coded "<step>.<next position>"."""
    _refuse_if_frozen(step.framework)
    position = (step.criteria.aggregate(top=Max("position"))["top"] or 0) + 1
    taken = set(step.criteria.values_list("code", flat=True))
    number = position
    while f"{step.number}.{number}" in taken:
        number += 1
    criterion = Criterion(step=step, position=position, code=f"{step.number}.{number}")
    _apply(criterion, details)
    criterion.save()
    return criterion


@transaction.atomic
def framework_remove_criterion(*, criterion: Criterion, user: User | None = None) -> None:
    locked = _refuse_if_frozen(criterion.step.framework)
    if criterion.step.criteria.count() == 1:
        raise ActionRefused(f"Step {criterion.step.number} needs at least one criterion, so {criterion.code} cannot be removed.")
    deleted, _ = Criterion.objects.filter(pk=criterion.pk).delete()
    if not deleted:
        raise ActionRefused(f"Criterion {criterion.code} was already removed.")
    _record(locked, user=user, reason=f"Criterion {criterion.code} removed: {criterion.title}")


def publish_plan(*, framework: Framework) -> str:
    """The fingerprint of the version's whole content, as the publish confirmation showed it."""
    content = {**framework_content(framework=framework), "status": str(framework.status)}
    return fingerprint([framework.pk, json.dumps(content, sort_keys=True, default=str)])


@transaction.atomic
def framework_publish(*, framework: Framework, confirmed_plan: str, user: User | None = None) -> None:
    """Publish a draft, exactly as the admin checked it, so rounds can use it. It must have
    all eight steps, each with criteria. From then on it is frozen."""
    locked = Framework.objects.select_for_update().get(pk=framework.pk)
    if locked.status == FrameworkStatus.PUBLISHED:
        raise ActionRefused(f"{locked} is already published.")
    locked = _refuse_if_frozen(locked)
    require_fingerprint(expected=confirmed_plan, actual=publish_plan(framework=locked))
    steps = dict(Step.objects.filter(framework=locked).values_list("number", "pk"))
    problems = [f"Step {number} is missing" for number in range(1, 9) if number not in steps]
    empty = Step.objects.filter(framework=locked, criteria__isnull=True).values_list("number", flat=True)
    problems += [f"Step {number} has no criteria" for number in empty]
    if problems:
        raise ActionRefused(f"{locked} was not published.", details=problems)
    locked.status = FrameworkStatus.PUBLISHED
    _record(locked, user=user, reason="Published")
    framework.status = locked.status
