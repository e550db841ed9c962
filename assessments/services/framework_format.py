"""The framework file format, both ways: text to data, and a stored version back to text.

The format is explained in the comments at the top of
``fixtures/framework/lipsit-2020-v1.yaml``. A file and a stored version are compared in
one canonical shape (``framework_normalise`` / ``framework_content``), which is also what
``framework_export`` writes, so an exported file re-imports as "unchanged".
"""
from decimal import Decimal
from typing import Any

import yaml

from assessments.models import Criterion, Framework, FrameworkStatus, Step

from .errors import ActionRefused
from .framework_validation import SCALE

EXPORT_HEADER = """\
# {framework}, exported from the levelling-up readiness service.
# The fields are explained at the top of fixtures/framework/lipsit-2020-v1.yaml.
# To change a version that assessments have used, raise the version number first.

"""


# Optional true/false fields of a criterion (Criterion.measures_centre, .shows_government_record).
FLAGS = ("measures_centre", "government_record")

FOLD_FROM = 80  # characters; shorter text stays on its field's line


class FrameworkInvalid(ActionRefused):
    """The file breaks the format; ``details`` lists every problem, one per line."""


class _SafeLoaderRefusingDuplicates(yaml.SafeLoader):
    """safe_load, except that a field given twice is an error instead of the last one winning.

    Otherwise a copied-and-pasted "3:" line would silently replace a level's descriptor.
    """

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                hash(key)
            except TypeError:  # "? [1, 2]": a list or mapping as a field name
                raise yaml.constructor.ConstructorError(
                    None, None, "a field name must be a word or a number, not a list", key_node.start_mark
                ) from None
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f'"{key}" is given twice in the same place', key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def framework_parse(*, text: str) -> dict:
    """The file's content as plain data; raises FrameworkInvalid if it is not a YAML mapping."""
    try:
        data = yaml.load(text, Loader=_SafeLoaderRefusingDuplicates)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise FrameworkInvalid(
            "The framework file could not be read.",
            details=[f"The file is not valid YAML{where}: {problem}. Check the indentation and quotes there."],
        ) from error
    if not isinstance(data, dict):
        raise FrameworkInvalid(
            "The framework file could not be read.",
            details=["The file must list the framework's fields (name, version, steps and so on)."],
        )
    return data


def framework_normalise(*, data: dict) -> dict:
    """Validated file data in the canonical shape, with defaults filled in and text trimmed."""
    return {
        "name": data["name"].strip(),
        "version": data["version"],
        "status": data.get("status", FrameworkStatus.PUBLISHED.value),
        "description": _text(data.get("description")),
        "source": _text(data.get("source")),
        "scale": _scale(),
        "steps": [
            {
                "number": step["number"],
                "title": step["title"].strip(),
                # Optional fields are in the canonical shape only when given, so files written
                # before they existed still compare (and re-import) as unchanged.
                **({"short_title": step["short_title"].strip()} if step.get("short_title") else {}),
                "weight": _weight(step.get("weight")),
                "criteria": [_normalise_criterion(criterion) for criterion in step["criteria"]],
            }
            for step in sorted(data["steps"], key=lambda s: s["number"])
        ],
    }


def _normalise_criterion(criterion: dict) -> dict:
    result = {
        "code": criterion["code"],
        "title": criterion["title"].strip(),
        "guidance": _text(criterion.get("guidance")),
        "weight": _weight(criterion.get("weight")),
        "not_applicable": criterion.get("not_applicable", False),
    }
    if result["not_applicable"]:
        result["not_applicable_guidance"] = criterion["not_applicable_guidance"].strip()
    for flag in FLAGS:
        if criterion.get(flag):
            result[flag] = True
    levels = {int(level): text.strip() for level, text in criterion["levels"].items()}
    result["levels"] = dict(sorted(levels.items()))
    return result


def framework_content(*, framework: Framework) -> dict:
    """A stored version in the canonical shape (two queries)."""
    steps = Step.objects.filter(framework=framework).order_by("number").prefetch_related("criteria")
    return {
        "name": framework.name,
        "version": framework.version,
        "status": framework.status,
        "description": framework.description,
        "source": framework.source,
        "scale": _scale(),
        "steps": [
            {
                "number": step.number,
                "title": step.title,
                **({"short_title": step.given_short_title} if step.given_short_title else {}),
                "weight": _weight(step.weight),
                "criteria": [_criterion_content(c) for c in sorted(step.criteria.all(), key=lambda c: c.position)],
            }
            for step in steps
        ],
    }


def _criterion_content(criterion: Criterion) -> dict:
    result = {
        "code": criterion.code,
        "title": criterion.title,
        "guidance": criterion.guidance,
        "weight": _weight(criterion.weight),
        "not_applicable": criterion.allows_not_applicable,
    }
    if criterion.allows_not_applicable:
        result["not_applicable_guidance"] = criterion.not_applicable_guidance
    if criterion.measures_centre:
        result["measures_centre"] = True
    if criterion.shows_government_record:
        result["government_record"] = True
    result["levels"] = dict(criterion.descriptors)
    return result


def framework_export(*, framework: Framework) -> str:
    """The stored version as a framework file that ``framework_import`` accepts unchanged."""
    content = framework_content(framework=framework)
    for step in content["steps"]:
        step["weight"] = _plain_number(step["weight"])
        for criterion in step["criteria"]:
            criterion["weight"] = _plain_number(criterion["weight"])
    body = yaml.dump(
        content, Dumper=_IndentedDumper, sort_keys=False, allow_unicode=True, width=92, default_flow_style=False
    )
    return EXPORT_HEADER.format(framework=framework) + body


class _IndentedDumper(yaml.SafeDumper):
    """Indents list items under their field, as people write YAML by hand."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Long prose as a folded ">-" block: no quotes to escape, wrapped like the fixture.
    style = ">" if len(value) > FOLD_FROM and "\n" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_IndentedDumper.add_representer(str, _represent_text)


def _scale() -> list[dict]:
    return [{"level": level, "name": name, "meaning": meaning} for level, name, meaning in SCALE]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _weight(value: Any) -> Decimal:
    # Stored weights have two decimal places; quantizing both sides makes 1, "1" and
    # 1.00 compare equal.
    return Decimal(str(1 if value is None else value)).quantize(Decimal("0.01"))


def _plain_number(value: Decimal) -> int | float:
    # YAML has no decimal type: write 1 rather than 1.00, and 1.5 for 1.50.
    return int(value) if value == value.to_integral_value() else float(value)
