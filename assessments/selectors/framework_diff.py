"""What changed between a framework version and the one it was copied from.

Criteria are matched by code ("4.2"): a code only in the new version was added, one only
in the old was removed, and one in both may have changed wording (title, guidance, level
descriptors, the "not applicable" rule) or weight. Steps are matched by number.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from assessments.models import Criterion, Framework, Step

WORDING_FIELDS = {
    "title": "title", "guidance": "guidance", "allows_not_applicable": "whether not applicable is allowed",
    "not_applicable_guidance": "not applicable guidance",
    "level_0": "level 0", "level_1": "level 1", "level_2": "level 2", "level_3": "level 3", "level_4": "level 4",
}


@dataclass(frozen=True)
class ChangedCriterion:
    code: str
    title: str
    wording: list[str]  # which wording fields changed
    old_weight: Decimal | None = None
    new_weight: Decimal | None = None

    @property
    def weight_changed(self) -> bool:
        return self.old_weight != self.new_weight


@dataclass
class FrameworkDiff:
    base: Framework | None
    added: list[Criterion] = field(default_factory=list)
    removed: list[Criterion] = field(default_factory=list)
    changed: list[ChangedCriterion] = field(default_factory=list)
    steps_changed: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.steps_changed)


def _criteria(framework: Framework) -> dict[str, Criterion]:
    rows = Criterion.objects.filter(step__framework=framework).select_related("step").order_by("step__number", "position")
    return {criterion.code: criterion for criterion in rows}


def _step_changes(base: Framework, framework: Framework) -> list[str]:
    old = {step.number: step for step in Step.objects.filter(framework=base)}
    changes = []
    for step in Step.objects.filter(framework=framework).order_by("number"):
        before = old.get(step.number)
        if before is None:
            changes.append(f"Step {step.number} added: {step.title}")
            continue
        if before.title != step.title:
            changes.append(f"Step {step.number} title: “{before.title}” → “{step.title}”")
        if before.weight != step.weight:
            changes.append(f"Step {step.number} weight: {before.weight.normalize()} → {step.weight.normalize()}")
    return changes


def framework_diff(*, framework: Framework) -> FrameworkDiff:
    """The differences from the version ``framework`` was copied from (four queries)."""
    base = framework.copied_from
    if base is None:
        return FrameworkDiff(base=None)
    old, new = _criteria(base), _criteria(framework)
    diff = FrameworkDiff(base=base, steps_changed=_step_changes(base, framework))
    diff.added = [criterion for code, criterion in new.items() if code not in old]
    diff.removed = [criterion for code, criterion in old.items() if code not in new]
    for code, criterion in new.items():
        before = old.get(code)
        if before is None:
            continue
        wording = [label for name, label in WORDING_FIELDS.items() if getattr(before, name) != getattr(criterion, name)]
        if wording or before.weight != criterion.weight:
            diff.changed.append(ChangedCriterion(
                code=code, title=criterion.title, wording=wording,
                old_weight=before.weight, new_weight=criterion.weight,
            ))
    return diff
