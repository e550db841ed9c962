"""Framework versions: frozen versions refuse every edit; copy, edit, publish, export, import."""
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import Criterion, Framework, FrameworkStatus, Step
from assessments.services.errors import ActionRefused
from assessments.services.manage_frameworks import (
    CriterionDetails,
    framework_add_criterion,
    framework_copy,
    framework_publish,
    framework_remove_criterion,
    framework_update_criterion,
    framework_update_step,
    publish_plan,
)
from tests.factories import AssessmentFactory, RoundFactory, framework_with_criteria

pytestmark = pytest.mark.django_db
LEVELS = ("None", "Some", "More", "Most", "All")
DETAILS = CriterionDetails("New title", "New guidance", Decimal("1.5"), False, "", LEVELS)


def criterion_post(**overrides) -> dict:
    data = {"title": "Shared data", "guidance": "Why it matters", "weight": "2", "not_applicable_guidance": ""}
    data.update({f"level_{level}": text for level, text in enumerate(LEVELS)})
    data.update(overrides)
    return data


@pytest.fixture
def frozen():
    framework = framework_with_criteria()
    AssessmentFactory(round=RoundFactory(framework=framework))
    return framework


def test_frozen_versions_refuse_every_edit_in_the_services(frozen):
    step = frozen.steps.get(number=1)
    criterion = step.criteria.first()
    before = (list(Step.objects.values_list()), list(Criterion.objects.values_list()))
    attempts = [
        lambda: framework_update_step(step=step, title="Changed", weight=Decimal(2)),
        lambda: framework_update_criterion(criterion=criterion, details=DETAILS),
        lambda: framework_add_criterion(step=step, details=DETAILS),
        lambda: framework_remove_criterion(criterion=criterion),
        lambda: framework_publish(framework=frozen, confirmed_plan=publish_plan(framework=frozen)),
    ]
    for attempt in attempts:
        with pytest.raises(ActionRefused, match="cannot be changed|already published"):
            attempt()
    assert (list(Step.objects.values_list()), list(Criterion.objects.values_list())) == before


def test_frozen_versions_refuse_every_edit_through_the_pages(admin_client, frozen):
    criterion = frozen.steps.get(number=1).criteria.first()
    pages = [
        ("manage-framework-step", [frozen.pk, 1], {"title": "Changed", "weight": "2"}),
        ("manage-framework-criterion", [frozen.pk, criterion.pk], criterion_post()),
        ("manage-framework-criterion-new", [frozen.pk, 1], criterion_post()),
    ]
    for name, args, data in pages:
        assert admin_client.get(reverse(name, args=args)).status_code == 403
        response = admin_client.post(reverse(name, args=args), data)
        assert response.status_code == 403
        assert "This version cannot be changed" in response.content.decode()
    response = admin_client.post(reverse("manage-framework-criterion-remove", args=[frozen.pk, criterion.pk]), follow=True)
    assert "cannot be changed" in response.content.decode()
    assert Criterion.objects.filter(pk=criterion.pk, title=criterion.title).exists()
    assert frozen.steps.get(number=1).title == "Step 1 title"


def test_copy_makes_the_next_draft_version_with_the_same_content(admin_client, frozen):
    url = reverse("manage-framework-copy", args=[frozen.pk])
    response = admin_client.post(url, {"version_name": "", "change_note": ""})
    assert response.status_code == 400 and "Enter a name for the new version" in response.content.decode()
    assert "Enter a note of what this version changes" in response.content.decode()
    assert Framework.objects.count() == 1
    response = admin_client.post(url, {"version_name": "2027 revision", "change_note": "Clearer step 4"})
    copy = Framework.objects.get(name=frozen.name, version=2)
    assert copy.version_name == "2027 revision" and copy.change_note == "Clearer step 4" and copy.copied_from == frozen
    assert copy.history.first().history_user.central_role == "admin"
    assert response["Location"] == reverse("manage-framework", args=[copy.pk])
    assert copy.status == FrameworkStatus.DRAFT and not copy.is_frozen
    old = list(Criterion.objects.filter(step__framework=frozen).values_list("code", "title", "level_3", "allows_not_applicable"))
    new = list(Criterion.objects.filter(step__framework=copy).values_list("code", "title", "level_3", "allows_not_applicable"))
    assert old == new and len(new) == 24


def test_edit_add_remove_and_publish_a_draft(admin_client):
    draft = framework_copy(framework=framework_with_criteria(), version_name="Next", change_note="Step 4")
    step = draft.steps.get(number=4)
    first = step.criteria.get(code="4.1")
    response = admin_client.post(reverse("manage-framework-criterion", args=[draft.pk, first.pk]),
                                 criterion_post(allows_not_applicable="on", not_applicable_guidance="Where no LEP exists"))
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.title == "Shared data" and first.weight == Decimal(2) and first.allows_not_applicable
    assert first.descriptor(4) == "All"

    admin_client.post(reverse("manage-framework-criterion-new", args=[draft.pk, 4]), criterion_post(title="Brand new"))
    assert step.criteria.get(code="4.4").title == "Brand new"
    remove_url = reverse("manage-framework-criterion-remove", args=[draft.pk, step.criteria.get(code="4.2").pk])
    admin_client.post(remove_url, {"plan": admin_client.get(remove_url).context["plan"]})
    assert list(step.criteria.values_list("code", flat=True)) == ["4.1", "4.3", "4.4"]
    admin_client.post(reverse("manage-framework-step", args=[draft.pk, 4]), {"title": "Governance", "weight": "1.25"})
    step.refresh_from_db()
    assert step.title == "Governance" and step.weight == Decimal("1.25")

    admin_client.post(reverse("manage-framework-publish", args=[draft.pk]), {"confirm": "on", "plan": publish_plan(framework=draft)})
    draft.refresh_from_db()
    assert draft.status == FrameworkStatus.PUBLISHED


def test_criterion_form_errors(admin_client):
    draft = framework_with_criteria(status=FrameworkStatus.DRAFT)
    criterion = draft.steps.get(number=1).criteria.first()
    response = admin_client.post(reverse("manage-framework-criterion", args=[draft.pk, criterion.pk]),
                                 criterion_post(weight="0", level_2="", allows_not_applicable="on"))
    page = response.content.decode()
    assert response.status_code == 400
    for message in ["The weight must be more than 0", "Enter the descriptor for level 2", "Enter when the criterion is not applicable"]:
        assert message in page
    criterion.refresh_from_db()
    assert criterion.title == "Criterion 1.1"


def test_publishing_needs_eight_steps(admin):
    incomplete = framework_with_criteria(steps=7, status=FrameworkStatus.DRAFT)
    with pytest.raises(ActionRefused) as refusal:
        framework_publish(framework=incomplete, confirmed_plan=publish_plan(framework=incomplete))
    assert "Step 8 is missing" in refusal.value.details


def test_export_then_import_round_trips_unchanged(admin_client):
    path = Path(settings.BASE_DIR) / "fixtures" / "framework" / "lipsit-2020-v1.yaml"
    upload = SimpleUploadedFile("lipsit.yaml", path.read_bytes())
    response = admin_client.post(reverse("manage-framework-import"), {"file": upload}, follow=True)
    assert "created" in response.content.decode()
    framework = Framework.objects.get()
    exported = admin_client.get(reverse("manage-framework-export", args=[framework.pk]))
    assert exported["Content-Disposition"].endswith('-v1.yaml"')
    response = admin_client.post(reverse("manage-framework-import"), {"file": SimpleUploadedFile("again.yaml", exported.content)}, follow=True)
    assert "unchanged" in response.content.decode()
    assert Framework.objects.count() == 1


def test_a_bad_framework_file_lists_its_problems_and_loads_nothing(admin_client):
    text = "name: Broken\nversion: 1\nsteps:\n  - number: 9\n    title: Too far\n    criteria: []\n"
    response = admin_client.post(reverse("manage-framework-import"), {"file": SimpleUploadedFile("bad.yaml", text.encode())})
    page = response.content.decode()
    assert response.status_code == 400
    assert "step numbers must be 1 to 8" in page and "Step 1 is missing" in page
    assert not Framework.objects.exists()
    response = admin_client.post(reverse("manage-framework-import"), {"file": SimpleUploadedFile("bad.yaml", b"name: [")})
    assert "not valid YAML" in response.content.decode()


def test_importing_a_changed_frozen_version_is_refused(admin_client, frozen):
    exported = admin_client.get(reverse("manage-framework-export", args=[frozen.pk])).content.decode()
    changed = exported.replace("Step 1 title", "Step 1 renamed")
    response = admin_client.post(reverse("manage-framework-import"), {"file": SimpleUploadedFile("f.yaml", changed.encode())})
    assert response.status_code == 400
    assert "frozen" in response.content.decode()
    assert frozen.steps.get(number=1).title == "Step 1 title"


def test_framework_pages_query_counts(admin_client, frozen, django_assert_max_num_queries):
    with django_assert_max_num_queries(13):
        assert admin_client.get(reverse("manage-framework", args=[frozen.pk])).status_code == 200
    with django_assert_max_num_queries(11):
        assert admin_client.get(reverse("manage-frameworks")).status_code == 200
