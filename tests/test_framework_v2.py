"""LIPSIT 2020 version 2: the report's own step titles and short titles; criteria marked as
measuring the centre or as known to the government; version 1 unchanged for its rounds."""
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from assessments.models import Criterion, Framework
from assessments.services.framework_import import (
    FrameworkInvalid,
    ImportOutcome,
    framework_export,
    framework_import_with_outcome,
    framework_parse,
)
from assessments.services.manage_frameworks import framework_copy
from tests.factories import AssessmentFactory, RoundFactory, UserFactory

pytestmark = pytest.mark.django_db
FRAMEWORKS = Path(settings.BASE_DIR) / "fixtures" / "framework"


def load(name: str) -> Framework:
    framework, _ = framework_import_with_outcome(data=framework_parse(text=(FRAMEWORKS / name).read_text(encoding="utf-8")))
    return framework


def test_version_2_has_the_reports_titles_and_version_1_keeps_its_own():
    v1, v2 = load("lipsit-2020-v1.yaml"), load("lipsit-2020-v2.yaml")
    titles = dict(v2.steps.values_list("number", "title"))
    assert titles[1] == "State the intention to create strong local institutions over the next two to three years"
    assert titles[2] == "Set out a framework for who should be making which decisions, from a local or central level"
    assert titles[4].endswith("organise single pot funding to allow authorities to fulfil these objectives")
    assert titles[3].startswith("Identify which authorities should form the basis for these institutions.")
    assert v1.steps.get(number=1).title == "Commit to strong local institutions over the next two to three years"
    short = {step.number: step.short_title for step in v2.steps.all()}
    assert short[1] == "Strong local institutions" and short[4] == "Shared objectives, single pot"
    # Version 1 gives none, so its short titles are still derived from the title.
    assert v1.steps.get(number=1).short_title == "Commit to strong local…"
    # The criteria and their levels are the same in both versions.
    assert list(Criterion.objects.filter(step__framework=v1).values_list("code", "title", "level_4")) == list(
        Criterion.objects.filter(step__framework=v2).values_list("code", "title", "level_4")
    )


def test_centre_and_government_record_marks_load_export_and_copy():
    v2 = load("lipsit-2020-v2.yaml")
    criteria = Criterion.objects.filter(step__framework=v2)
    assert sorted(criteria.filter(measures_centre=True).values_list("code", flat=True)) == ["2.3", "4.2", "5.1", "5.3"]
    assert sorted(criteria.filter(shows_government_record=True).values_list("code", flat=True)) == ["1.2", "3.2", "4.2"]
    exported = framework_export(framework=v2)
    assert "short_title: Strong local institutions" in exported and "measures_centre: true" in exported
    _, outcome = framework_import_with_outcome(data=framework_parse(text=exported))
    assert outcome == ImportOutcome.UNCHANGED
    copy = framework_copy(framework=v2, version_name="2027", change_note="Copy")
    assert copy.steps.get(number=2).short_title == "Who makes which decisions"
    assert Criterion.objects.get(step__framework=copy, code="5.1").measures_centre


def test_a_mark_must_be_true_or_false():
    data = framework_parse(text=(FRAMEWORKS / "lipsit-2020-v2.yaml").read_text(encoding="utf-8"))
    data["steps"][0]["criteria"][0]["measures_centre"] = "yes please"
    data["steps"][1]["short_title"] = "x" * 41
    with pytest.raises(FrameworkInvalid) as refused:
        framework_import_with_outcome(data=data)
    assert "Criterion 1.1: measures_centre must be true or false" in refused.value.details
    assert "Step 2: short_title is longer than 40 characters" in refused.value.details


def test_the_method_says_the_steps_are_addressed_to_central_government(client):
    round_ = RoundFactory(framework=load("lipsit-2020-v2.yaml"))
    assessment = AssessmentFactory(round=round_)
    client.force_login(UserFactory(viewer_of=assessment.authority))
    page = client.get(reverse("dashboard-round", args=[round_.pk])).content.decode()
    assert "recommends to central government" in page
    assert "central government and local institutions need to take" not in page
