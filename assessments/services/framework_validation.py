"""Plain-English checks of a framework file, each saying where the problem is.

The database's rules on steps and criteria are checked here first, so whoever edits a
file sees every problem at once, as "Criterion 4.2: descriptor for level 3 is missing".
"""
import re
from decimal import Decimal
from typing import Any

from assessments.levels import SCALE
from assessments.models import Criterion, Framework, FrameworkStatus, Step
from assessments.models.framework import LEVELS, STEP_NUMBERS
from assessments.text import control_character_position

# A file may only restate the one scale (assessments.levels.SCALE), or leave it out.
TOP_FIELDS = ("name", "version", "status", "description", "source", "scale", "steps")
SCALE_FIELDS = ("level", "name", "meaning")
STEP_FIELDS = ("number", "title", "short_title", "weight", "criteria")
CRITERION_FIELDS = (
    "code", "title", "guidance", "weight", "not_applicable", "not_applicable_guidance", "levels",
    "measures_centre", "government_record",
)
# The step part is checked against the step separately; {1,8} keeps within 10 characters.
CODE_PATTERN = re.compile(r"^([1-8])\.([0-9]{1,8})$")
MAX_VERSION = 32767  # PositiveSmallIntegerField
MAX_WEIGHT = Decimal("999.99")  # DecimalField(max_digits=5, decimal_places=2)


def framework_validate(*, data: Any) -> list[str]:
    """Every problem in a parsed file, in file order; an empty list means it can be imported."""
    if not isinstance(data, dict):
        return ["The file must list the framework's fields (name, version, steps and so on)."]
    errors: list[str] = []
    _check_fields(errors, "Framework", data, TOP_FIELDS)
    _check_text(errors, "Framework", data, "name", required=True, max_length=_max_length(Framework, "name"))
    version = data.get("version")
    if not _is_whole(version) or not 1 <= version <= MAX_VERSION:
        errors.append("Framework: version must be a whole number of 1 or more")
    if data.get("status", FrameworkStatus.PUBLISHED.value) not in FrameworkStatus.values:
        errors.append('Framework: status must be "published" or "draft"')
    _check_text(errors, "Framework", data, "description")
    _check_text(errors, "Framework", data, "source")
    if data.get("scale") is not None:
        _check_scale(errors, data["scale"])

    steps = data.get("steps")
    if not isinstance(steps, list) or not steps:
        errors.append("Framework: steps are missing; the framework has eight steps, numbered 1 to 8")
        return errors
    seen_numbers: set[int] = set()
    seen_codes: set[str] = set()
    for index, step in enumerate(steps, start=1):
        _check_step(errors, step, index, seen_numbers, seen_codes)
    for number in STEP_NUMBERS:
        if number not in seen_numbers:
            errors.append(f"Step {number} is missing: the framework has eight steps, numbered 1 to 8")
    return errors


def _check_scale(errors: list[str], scale: Any) -> None:
    if not isinstance(scale, list) or len(scale) != len(SCALE) or not all(isinstance(s, dict) for s in scale):
        errors.append("Scale: must list the five levels 0 to 4, as in lipsit-2020-v1.yaml, or be left out")
        return
    for given, (level, name, meaning) in zip(scale, SCALE, strict=True):
        where = f"Scale level {level}"
        _check_fields(errors, where, given, SCALE_FIELDS)
        if given.get("level") != level:
            errors.append(f"{where}: the levels must be listed in order, 0 to 4")
        elif str(given.get("name", "")).strip() != name:
            errors.append(f'{where}: name must be "{name}"; the scale is fixed by the service')
        elif str(given.get("meaning", "")).strip() != meaning:
            errors.append(f'{where}: meaning must be "{meaning}"; the scale is fixed by the service')


def _check_step(errors: list[str], step: Any, index: int, seen_numbers: set[int], seen_codes: set[str]) -> None:
    if not isinstance(step, dict):
        errors.append(f"Step {index} in the list: must have a number, a title and criteria")
        return
    number = step.get("number")
    if _is_whole(number):
        where = f"Step {number}"
        if number in seen_numbers:
            errors.append(f"{where} appears more than once")
        seen_numbers.add(number)
        if number not in STEP_NUMBERS:
            errors.append(f"{where}: step numbers must be 1 to 8")
            number = None  # so its criteria's codes are not judged against a wrong number
    else:
        where = f"Step {index} in the list"
        errors.append(f"{where}: number is missing or not a whole number from 1 to 8")
        number = None
    _check_fields(errors, where, step, STEP_FIELDS)
    if step.get("short_title") is not None:
        _check_text(errors, where, step, "short_title", required=True, max_length=_max_length(Step, "given_short_title"))
    _check_text(errors, where, step, "title", required=True, max_length=_max_length(Step, "title"))
    _check_weight(errors, where, step)
    criteria = step.get("criteria")
    if not isinstance(criteria, list) or not criteria:
        errors.append(f"{where}: has no criteria")
        return
    for position, criterion in enumerate(criteria, start=1):
        _check_criterion(errors, criterion, f"{where}, criterion {position} in the list", number, seen_codes)


def _check_criterion(
    errors: list[str], criterion: Any, fallback: str, step_number: int | None, seen_codes: set[str]
) -> None:
    if not isinstance(criterion, dict):
        errors.append(f"{fallback}: must have a code, a title and levels")
        return
    code = criterion.get("code")
    where = f"Criterion {code}" if isinstance(code, str) and code.strip() else fallback
    if code is None or code == "":
        errors.append(f"{where}: code is missing")
    elif not isinstance(code, str):
        # Unquoted, YAML reads 4.2 as a number and 4.10 as 4.1, so a number is never trusted.
        errors.append(f'{where}: code {code} must be in quotes, like "4.2"')
    elif not (match := CODE_PATTERN.match(code)):
        errors.append(f'{where}: code must be the step number, a dot and a number, like "4.2"')
    elif step_number is not None and int(match.group(1)) != step_number:
        errors.append(f'{where}: it is listed under step {step_number}, so its code must start with "{step_number}."')
    elif code in seen_codes:
        errors.append(f"{where} appears more than once")
    if isinstance(code, str):
        seen_codes.add(code)

    _check_fields(errors, where, criterion, CRITERION_FIELDS)
    _check_text(errors, where, criterion, "title", required=True, max_length=_max_length(Criterion, "title"))
    _check_text(errors, where, criterion, "guidance")
    _check_weight(errors, where, criterion)
    for flag in ("measures_centre", "government_record"):
        if not isinstance(criterion.get(flag, False), bool):
            errors.append(f"{where}: {flag} must be true or false")
    not_applicable = criterion.get("not_applicable", False)
    if not isinstance(not_applicable, bool):
        errors.append(f"{where}: not_applicable must be true or false")
    elif not_applicable:
        _check_text(errors, where, criterion, "not_applicable_guidance", required=True)
    elif criterion.get("not_applicable_guidance") is not None:
        errors.append(f"{where}: not_applicable_guidance is given, but not_applicable is not true")
    _check_levels(errors, where, criterion.get("levels"))


def _check_levels(errors: list[str], where: str, levels: Any) -> None:
    if not isinstance(levels, dict):
        errors.append(f"{where}: levels are missing; give a descriptor for each level 0 to 4")
        return
    given: dict[int, Any] = {}
    for key, text in levels.items():
        level = int(key) if isinstance(key, str) and key.strip().isascii() and key.strip().isdigit() else key
        if not _is_whole(level) or level not in LEVELS:
            errors.append(f"{where}: level {key} is not on the scale; levels are 0 to 4")
        elif level in given:
            errors.append(f"{where}: level {level} is given more than once")
        else:
            given[level] = text
    for level in LEVELS:
        text = given.get(level)
        if text is None or (isinstance(text, str) and not text.strip()):
            errors.append(f"{where}: descriptor for level {level} is missing")
        elif not isinstance(text, str):
            errors.append(f"{where}: descriptor for level {level} must be text; put it in double quotes")
        else:
            _check_control_characters(errors, where, f"descriptor for level {level}", text)


def _check_weight(errors: list[str], where: str, data: dict) -> None:
    if data.get("weight") is None:
        return  # weight 1 when left out
    value = data["weight"]
    number = Decimal(str(value)) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    if number is None or not number.is_finite() or not 0 < number <= MAX_WEIGHT:
        errors.append(f"{where}: weight must be a positive number, like 1 or 1.5 (it is {value!r})")
    elif number != number.quantize(Decimal("0.01")):
        errors.append(f"{where}: weight can have at most two decimal places (it is {value!r})")


def _check_text(
    errors: list[str], where: str, data: dict, field: str, *, required: bool = False, max_length: int | None = None
) -> None:
    value = data.get(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.append(f"{where}: {field} is missing")
    elif not isinstance(value, str):
        errors.append(f"{where}: {field} must be text; put it in double quotes")
    elif max_length is not None and len(value.strip()) > max_length:
        errors.append(f"{where}: {field} is longer than {max_length} characters")
    else:
        _check_control_characters(errors, where, field, value)


def _check_control_characters(errors: list[str], where: str, field: str, value: str) -> None:
    position = control_character_position(value)
    if position is not None:
        errors.append(f"{where}: {field} contains a hidden control character (character {position}); delete it")


def _check_fields(errors: list[str], where: str, data: dict, allowed: tuple[str, ...]) -> None:
    for key in data:
        if key not in allowed:
            errors.append(f'{where}: unknown field "{key}"; the fields here are {", ".join(allowed)}')


def _is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _max_length(model: type, field: str) -> int:
    return model._meta.get_field(field).max_length
