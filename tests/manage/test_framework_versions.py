"""A published version is frozen (server side, not just hidden links); removing a criterion
and publishing a version are confirmed first, publishing after seeing the differences from
the version it was copied from; a stale or forged confirmation changes nothing."""
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import Criterion, Framework, FrameworkStatus, Step
from assessments.selectors.manage_audit import recent_trail
from assessments.services.errors import ActionRefused
from assessments.services.manage_frameworks import (
    CriterionDetails,
    framework_copy,
    framework_publish,
    framework_update_criterion,
    publish_plan,
)
from tests.factories import framework_with_criteria

pytestmark = pytest.mark.django_db
LEVELS = ("None", "Some", "More", "Most", "All")


@pytest.fixture
def published():
    """Published, and no round or assessment has used it yet."""
    return framework_with_criteria(status=FrameworkStatus.PUBLISHED)


@pytest.fixture
def draft(published):
    return framework_copy(framework=published, version_name="2027 revision", change_note="Sharper step 4")


def snapshot():
    return list(Step.objects.order_by("pk").values_list()), list(Criterion.objects.order_by("pk").values_list())


def test_a_published_unused_version_is_frozen_on_the_server(admin_client, published):
    criterion = published.steps.get(number=1).criteria.first()
    page = admin_client.get(reverse("manage-framework", args=[published.pk])).content.decode()
    assert reverse("manage-framework-criterion", args=[published.pk, criterion.pk]) not in page
    assert reverse("manage-framework-criterion-remove", args=[published.pk, criterion.pk]) not in page
    before = snapshot()
    posts = [
        ("manage-framework-step", [published.pk, 1], {"title": "Changed", "weight": "2"}),
        ("manage-framework-criterion", [published.pk, criterion.pk], {"title": "Changed", "weight": "1",
                                                                       **{f"level_{n}": t for n, t in enumerate(LEVELS)}}),
        ("manage-framework-criterion-new", [published.pk, 1], {"title": "New", "weight": "1"}),
        ("manage-framework-criterion-remove", [published.pk, criterion.pk], {"plan": "x"}),
    ]
    for name, args, data in posts:
        response = admin_client.post(reverse(name, args=args), data)
        assert response.status_code == 403 and "This version cannot be changed" in response.content.decode()
    with pytest.raises(ActionRefused, match="published, so it cannot be changed"):
        framework_update_criterion(criterion=criterion, details=CriterionDetails("X", "", Decimal(1), False, "", LEVELS))
    assert snapshot() == before


def test_removing_a_criterion_asks_first_and_is_recorded(admin_client, draft):
    criterion = draft.steps.get(number=4).criteria.get(code="4.2")
    url = reverse("manage-framework-criterion-remove", args=[draft.pk, criterion.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and "Remove criterion 4.2?" in page.content.decode()
    assert Criterion.objects.filter(pk=criterion.pk).exists()

    assert admin_client.post(url, {"plan": "forged"}).status_code == 400
    assert Criterion.objects.filter(pk=criterion.pk).exists()

    assert admin_client.post(url, {"plan": page.context["plan"]}).status_code == 302
    assert not Criterion.objects.filter(pk=criterion.pk).exists()
    record = draft.history.first()
    assert record.history_change_reason == f"Criterion 4.2 removed: {criterion.title}"
    assert record.history_user.central_role == "admin"


def test_a_stale_removal_confirmation_removes_nothing(admin_client, draft):
    criterion = draft.steps.get(number=4).criteria.get(code="4.2")
    url = reverse("manage-framework-criterion-remove", args=[draft.pk, criterion.pk])
    plan = admin_client.get(url).context["plan"]
    Criterion.objects.filter(pk=criterion.pk).update(title="Renamed by someone else meanwhile")
    response = admin_client.post(url, {"plan": plan})
    assert response.status_code == 400 and "changed since you checked" in response.content.decode()
    assert Criterion.objects.filter(pk=criterion.pk).exists()


def test_publishing_shows_the_differences_from_the_version_it_was_copied_from(admin_client, draft):
    step4 = draft.steps.get(number=4)
    changed = step4.criteria.get(code="4.1")
    changed.title, changed.level_3 = "Shared data across councils", "Most councils share"
    changed.save()
    reweighted = step4.criteria.get(code="4.3")
    reweighted.weight = Decimal("2.5")
    reweighted.save()
    removed_title = step4.criteria.get(code="4.2").title
    step4.criteria.get(code="4.2").delete()
    Criterion.objects.create(step=step4, code="4.4", position=4, title="Brand new criterion", level_0="a", level_1="b",
                             level_2="c", level_3="d", level_4="e")
    Step.objects.filter(pk=step4.pk).update(weight=Decimal("1.5"))

    response = admin_client.get(reverse("manage-framework-publish", args=[draft.pk]))
    page = response.content.decode()
    assert response.status_code == 200 and "Differences from version 1" in page
    assert "Criteria added (1)" in page and "4.4 Brand new criterion" in page
    assert "Criteria removed (1)" in page and f"4.2 {removed_title}" in page
    assert "Criteria changed (2)" in page
    assert "4.1 Shared data across councils: wording of title, level 3" in page
    assert "weight 1 → 2.5" in page
    assert "Step 4 weight: 1 → 1.5" in page
    assert "Sharper step 4" in page
    draft.refresh_from_db()
    assert draft.status == FrameworkStatus.DRAFT  # looking changes nothing


def test_publishing_needs_the_box_and_a_current_confirmation(admin_client, draft):
    url = reverse("manage-framework-publish", args=[draft.pk])
    plan = admin_client.get(url).context["plan"]
    assert admin_client.post(url, {"plan": plan}).status_code == 400  # box not ticked
    # Someone edits the draft after the admin checked the differences.
    Step.objects.filter(framework=draft, number=2).update(title="Changed after the check")
    for stale in [plan, "", "forged"]:
        response = admin_client.post(url, {"plan": stale, "confirm": "on"})
        assert response.status_code == 400 and "changed since you checked" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == FrameworkStatus.DRAFT

    response = admin_client.post(url, {"plan": admin_client.get(url).context["plan"], "confirm": "on"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == FrameworkStatus.PUBLISHED and draft.is_frozen
    assert draft.history.first().history_change_reason == "Published"


def test_framework_actions_are_in_the_audit_trail(admin, draft):
    framework_publish(framework=draft, confirmed_plan=publish_plan(framework=draft), user=admin)
    entries = [e for e in recent_trail() if e.what == "Framework"]
    assert [e.reason for e in entries][:2] == ["Published", "Made from version 1"]
    assert Framework.objects.count() == 2
