"""Loading the framework file: the real LIPSIT 2020 content, refusals, freezing, export."""
import copy
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.models import Criterion, Framework, FrameworkStatus, Step
from assessments.services.framework_import import (
    FrameworkFrozen,
    FrameworkInvalid,
    ImportOutcome,
    framework_export,
    framework_import,
    framework_import_with_outcome,
    framework_normalise,
    framework_parse,
    framework_validate,
)

from .factories import AssessmentFactory, RoundFactory

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "framework" / "lipsit-2020-v1.yaml"

pytestmark = pytest.mark.django_db


@pytest.fixture
def data() -> dict:
    """A fresh parse of the real file, for a test to spoil."""
    return framework_parse(text=FIXTURE.read_text(encoding="utf-8"))


def criterion_in(data: dict, code: str) -> dict:
    return next(c for step in data["steps"] for c in step["criteria"] if c["code"] == code)


def step_in(data: dict, number: int) -> dict:
    return next(step for step in data["steps"] if step["number"] == number)


def stored_rows() -> tuple[int, int, int]:
    return Framework.objects.count(), Step.objects.count(), Criterion.objects.count()


# --- the real file ---------------------------------------------------------------------------------


def test_real_file_loads_eight_steps_and_24_complete_criteria(data):
    framework = framework_import(data=data)

    assert (framework.name, framework.version, framework.status) == ("LIPSIT 2020", 1, FrameworkStatus.PUBLISHED)
    assert "Seaford" in framework.source
    assert list(framework.steps.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6, 7, 8]
    criteria = list(Criterion.objects.filter(step__framework=framework))
    assert len(criteria) == 24
    assert all(step.criteria.count() == 3 for step in framework.steps.all())
    assert {c.code for c in criteria if c.allows_not_applicable} == {"3.3", "5.2"}
    for criterion in criteria:
        assert all(text.strip() for _, text in criterion.descriptors), criterion.code
        assert all(text[0].isupper() for _, text in criterion.descriptors), criterion.code
        assert criterion.guidance.strip(), criterion.code
        assert criterion.weight == 1
        assert bool(criterion.not_applicable_guidance) == criterion.allows_not_applicable, criterion.code


def test_real_file_keeps_framework_wording():
    framework_import(data=framework_parse(text=FIXTURE.read_text(encoding="utf-8")))

    funding = Criterion.objects.get(code="4.2")
    assert funding.title == "Funding consolidation (single pot)"
    assert funding.descriptors[0] == (0, "All competitive or ring-fenced")
    assert funding.descriptors[4] == (4, "Multi-year settlement plus fiscal levers")
    assert Criterion.objects.get(code="3.3").level_4 == "As 3, with transparent networks, reviewed"


def test_reimporting_the_same_file_writes_nothing(data):
    first = framework_import(data=data)
    criterion_ids = set(Criterion.objects.values_list("pk", flat=True))

    with CaptureQueriesContext(connection) as queries:
        again, outcome = framework_import_with_outcome(data=copy.deepcopy(data))

    assert outcome == ImportOutcome.UNCHANGED
    assert again.pk == first.pk
    assert set(Criterion.objects.values_list("pk", flat=True)) == criterion_ids
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []


def test_status_is_published_unless_the_file_says_draft(data):
    del data["status"]
    assert framework_import(data=data).status == FrameworkStatus.PUBLISHED
    data["version"] = 2
    data["status"] = "draft"
    assert framework_import(data=data).status == FrameworkStatus.DRAFT


# --- bad files -------------------------------------------------------------------------------------


def drop_level(d):
    del criterion_in(d, "4.2")["levels"][3]


def blank_level(d):
    criterion_in(d, "4.2")["levels"][3] = "  "


def step_nine(d):
    step_in(d, 8)["number"] = 9
    for c in step_in(d, 9)["criteria"]:
        c["code"] = "9." + c["code"].split(".")[1]


def duplicate_code(d):
    criterion_in(d, "4.3")["code"] = "4.2"


def code_in_wrong_step(d):
    criterion_in(d, "4.2")["code"] = "5.4"


def unquoted_code(d):
    criterion_in(d, "4.2")["code"] = 4.2


def set_in(getter: Callable[[dict], dict], key: str, value) -> Callable[[dict], None]:
    return lambda d: getter(d).__setitem__(key, value)


BAD_FILES = {
    "descriptor missing": (drop_level, "Criterion 4.2: descriptor for level 3 is missing"),
    "descriptor blank": (blank_level, "Criterion 4.2: descriptor for level 3 is missing"),
    "level off the scale": (
        set_in(lambda d: criterion_in(d, "4.2")["levels"], 5, "Beyond"),
        "Criterion 4.2: level 5 is not on the scale; levels are 0 to 4",
    ),
    "step number 9": (step_nine, "Step 9: step numbers must be 1 to 8"),
    "step missing": (lambda d: d["steps"].remove(step_in(d, 6)), "Step 6 is missing"),
    "step twice": (set_in(lambda d: step_in(d, 7), "number", 6), "Step 6 appears more than once"),
    "duplicate code": (duplicate_code, "Criterion 4.2 appears more than once"),
    "code not matching its step": (
        code_in_wrong_step,
        'Criterion 5.4: it is listed under step 4, so its code must start with "4."',
    ),
    "code not in quotes": (unquoted_code, 'Step 4, criterion 2 in the list: code 4.2 must be in quotes, like "4.2"'),
    "criterion weight zero": (
        set_in(lambda d: criterion_in(d, "4.2"), "weight", 0),
        "Criterion 4.2: weight must be a positive number, like 1 or 1.5 (it is 0)",
    ),
    "criterion weight negative": (
        set_in(lambda d: criterion_in(d, "4.2"), "weight", -1),
        "Criterion 4.2: weight must be a positive number",
    ),
    "criterion weight not a number": (
        set_in(lambda d: criterion_in(d, "4.2"), "weight", "heavy"),
        "Criterion 4.2: weight must be a positive number, like 1 or 1.5 (it is 'heavy')",
    ),
    "weight with three places": (
        set_in(lambda d: criterion_in(d, "4.2"), "weight", 1.125),
        "Criterion 4.2: weight can have at most two decimal places",
    ),
    "step weight zero": (set_in(lambda d: step_in(d, 2), "weight", 0), "Step 2: weight must be a positive number"),
    "unknown criterion field": (
        set_in(lambda d: criterion_in(d, "4.2"), "wieght", 2),
        'Criterion 4.2: unknown field "wieght"',
    ),
    "unknown framework field": (set_in(lambda d: d, "versoin", 2), 'Framework: unknown field "versoin"'),
    "not_applicable not true/false": (
        set_in(lambda d: criterion_in(d, "3.3"), "not_applicable", "maybe"),
        "Criterion 3.3: not_applicable must be true or false",
    ),
    "N/A without its guidance": (
        lambda d: criterion_in(d, "5.2").pop("not_applicable_guidance"),
        "Criterion 5.2: not_applicable_guidance is missing",
    ),
    "title missing": (lambda d: criterion_in(d, "1.1").pop("title"), "Criterion 1.1: title is missing"),
    "title too long": (
        set_in(lambda d: step_in(d, 1), "title", "x" * 301),
        "Step 1: title is longer than 300 characters",
    ),
    "version zero": (set_in(lambda d: d, "version", 0), "Framework: version must be a whole number of 1 or more"),
    "unknown status": (set_in(lambda d: d, "status", "live"), 'Framework: status must be "published" or "draft"'),
    "scale renamed": (
        lambda d: d["scale"][2].__setitem__("name", "Emerging"),
        'Scale level 2: name must be "Developing"',
    ),
}


@pytest.mark.parametrize("spoil, message", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_each_bad_file_is_refused_with_its_message_and_writes_nothing(data, spoil, message):
    spoil(data)

    with pytest.raises(FrameworkInvalid) as refusal:
        framework_import(data=data)

    assert any(detail.startswith(message) for detail in refusal.value.details), refusal.value.details
    assert stored_rows() == (0, 0, 0)


def test_every_problem_is_reported_at_once(data):
    drop_level(data)
    code_in_wrong_step(data)
    assert framework_validate(data=data) == [
        'Criterion 5.4: it is listed under step 4, so its code must start with "4."',
        "Criterion 5.4: descriptor for level 3 is missing",
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("name: LIPSIT\n  steps: [\n", "The file is not valid YAML at line 2, column 8"),
        ("- just\n- a list\n", "The file must list the framework's fields"),
        ("name: A\nname: B\n", 'The file is not valid YAML at line 2, column 1: "name" is given twice'),
    ],
    ids=["broken YAML", "not a mapping", "field given twice"],
)
def test_unreadable_text_is_refused_with_where_the_problem_is(text, message):
    with pytest.raises(FrameworkInvalid) as refusal:
        framework_parse(text=text)
    assert refusal.value.details[0].startswith(message), refusal.value.details


def test_a_level_given_twice_in_the_file_is_refused():
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "          3: Agreed with government, with milestones\n",
        "          3: Agreed with government, with milestones\n          3: Something else\n",
        1,
    )
    with pytest.raises(FrameworkInvalid) as refusal:
        framework_parse(text=text)
    assert '"3" is given twice' in refusal.value.details[0]


# --- changing a version ------------------------------------------------------------------------------


def test_changed_content_updates_a_draft_version(data):
    data["status"] = "draft"
    framework = framework_import(data=data)
    criterion_in(data, "4.2")["title"] = "Single-pot funding"
    step_in(data, 8)["criteria"].pop()  # drop 8.3

    updated, outcome = framework_import_with_outcome(data=data)

    assert outcome == ImportOutcome.UPDATED
    assert updated.pk == framework.pk
    assert Criterion.objects.get(step__framework=framework, code="4.2").title == "Single-pot funding"
    assert Criterion.objects.filter(step__framework=framework).count() == 23


def test_a_published_version_refuses_changed_content_even_if_unused(data):
    framework = framework_import(data=data)
    criterion_in(data, "4.2")["title"] = "Single-pot funding"

    with pytest.raises(FrameworkFrozen, match="LIPSIT 2020 v1 is frozen"):
        framework_import(data=data)
    assert Criterion.objects.get(step__framework=framework, code="4.2").title != "Single-pot funding"


def test_frozen_version_refuses_changed_content_and_keeps_its_own(data):
    framework = framework_import(data=data)
    AssessmentFactory(round=RoundFactory(framework=framework))
    criterion_in(data, "4.2")["levels"][3] = "Something new"

    with pytest.raises(FrameworkFrozen) as refusal:
        framework_import(data=data)

    assert "LIPSIT 2020 v1 is frozen" in refusal.value.message
    assert "new version number (such as 2)" in refusal.value.message
    assert Criterion.objects.get(step__framework=framework, code="4.2").level_3 == (
        "Integrated settlement with flexibility across pillars"
    )


def test_frozen_version_accepts_identical_content_and_a_new_version_number(data):
    framework_import(data=data)
    framework = Framework.objects.get()
    AssessmentFactory(round=RoundFactory(framework=framework))

    assert framework_import_with_outcome(data=copy.deepcopy(data))[1] == ImportOutcome.UNCHANGED
    data["version"] = 2
    criterion_in(data, "4.2")["levels"][3] = "Something new"
    assert framework_import_with_outcome(data=data)[1] == ImportOutcome.CREATED
    assert Framework.objects.count() == 2


# --- export --------------------------------------------------------------------------------------


def test_export_round_trips_the_real_file(data):
    framework = framework_import(data=data)

    exported = framework_export(framework=framework)

    assert framework_normalise(data=framework_parse(text=exported)) == framework_normalise(data=data)
    assert framework_import_with_outcome(data=framework_parse(text=exported))[1] == ImportOutcome.UNCHANGED


def test_export_round_trips_awkward_text_and_fractional_weights(data):
    data["version"] = 7
    data["status"] = "draft"
    step_in(data, 2)["weight"] = 1.5
    awkward = criterion_in(data, "2.1")
    awkward.update(weight=0.25, title='Note: "quoted" # not a comment', guidance="yes")
    awkward["levels"] = {0: "no", 1: "* starts with a star", 2: "null", 3: "'single' quotes", 4: "Ünïcode – 2–3 ~ " * 9}
    framework = framework_import(data=data)

    again = framework_parse(text=framework_export(framework=framework))

    assert framework_normalise(data=again) == framework_normalise(data=data)


# --- the command --------------------------------------------------------------------------------


def test_command_loads_the_default_file_then_reports_nothing_changed():
    out = StringIO()
    call_command("load_framework", stdout=out)
    call_command("load_framework", stdout=out)

    assert out.getvalue().splitlines() == [
        "Created LIPSIT 2020 v1 (published): 8 steps, 24 criteria.",
        "LIPSIT 2020 v1 is already loaded with this content: nothing changed.",
    ]


def test_command_prints_each_problem_on_its_own_line_and_fails(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace("          3: Agreed with government, with milestones\n", "", 1)
    text = text.replace("  - number: 8", "  - number: 9", 1)
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    err = StringIO()

    with pytest.raises(CommandError, match="was not loaded"):
        call_command("load_framework", str(bad), stderr=err)

    lines = err.getvalue().splitlines()
    assert "Criterion 1.1: descriptor for level 3 is missing" in lines
    assert "Step 9: step numbers must be 1 to 8" in lines
    assert stored_rows() == (0, 0, 0)
