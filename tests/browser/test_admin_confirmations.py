"""Admins' irreversible actions ask first (journey 3, continued): publishing a framework
version shows its differences from the version it was made from and is frozen afterwards;
one authority set up mid-round is added to an open round after a preview."""
import re

from playwright.sync_api import Page, expect

from assessments.models import Assessment, AuthorityKind, Framework, FrameworkStatus
from assessments.services.manage_frameworks import framework_copy
from tests.factories import AuthorityFactory

from .helpers.session import sign_in


def test_framework_publish_shows_the_differences_and_freezes_the_version(page: Page, assessment, people):
    original = assessment.round.framework
    draft = framework_copy(framework=original, version_name="2027 revision", change_note="Clearer step 4")
    sign_in(page, people["admin"])
    page.goto(f"/manage/frameworks/{draft.pk}/")

    page.get_by_role("link", name="Change 4.1").click()
    page.get_by_label("Weight").fill("2")
    page.get_by_role("button", name="Save criterion").click()
    expect(page.get_by_text("Criterion 4.1 saved.")).to_be_visible()

    page.get_by_role("link", name="Remove 4.3").click()
    expect(page.get_by_role("heading", level=1, name="Remove criterion 4.3?")).to_be_visible()
    page.get_by_role("button", name="Yes, remove 4.3").click()
    expect(page.get_by_text("Criterion 4.3 removed.")).to_be_visible()

    page.get_by_role("link", name="Check and publish this version").click()
    expect(page.get_by_role("heading", level=1, name="Check the changes and publish")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Differences from version {original.version}")).to_be_visible()
    expect(page.get_by_role("heading", name="Criteria removed (1)")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^4\.1 .*weight 1 → 2$"))).to_be_visible()
    expect(page.get_by_text("Clearer step 4")).to_be_visible()
    page.get_by_label(re.compile("I have checked the differences")).check()
    page.get_by_role("button", name=f"Publish version {draft.version}").click()
    expect(page.get_by_text("It can no longer be changed.")).to_be_visible()
    assert Framework.objects.get(pk=draft.pk).status == FrameworkStatus.PUBLISHED
    # Frozen: no change or remove links, and the edit page refuses.
    expect(page.get_by_role("link", name="Change 4.1")).to_have_count(0)
    expect(page.get_by_role("link", name="Remove 4.2")).to_have_count(0)
    response = page.goto(f"/manage/frameworks/{draft.pk}/steps/4/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1, name="This version cannot be changed")).to_be_visible()


def test_one_authority_is_added_to_an_open_round_after_a_preview(page: Page, assessment, people):
    newcomer = AuthorityFactory(name="Sussex and Brighton Combined County Authority", short_name="Sussex and Brighton",
                                kind=AuthorityKind.CCA, has_mayor=False)
    round_ = assessment.round
    sign_in(page, people["admin"])
    page.goto(f"/manage/rounds/{round_.pk}/")
    page.get_by_role("link", name="Add an authority").click()
    page.get_by_label("Authority", exact=True).select_option(label=f"{newcomer.name} (combined county authority)")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1, name=f"Add {newcomer.name} to the round?")).to_be_visible()
    expect(page.get_by_text("1 draft assessment, deadline")).to_be_visible()
    assert not Assessment.objects.filter(authority=newcomer).exists()
    page.get_by_role("button", name="Confirm and add Sussex and Brighton").click()
    expect(page.get_by_text(f"{newcomer.name} was added to {round_.name}.")).to_be_visible()
    expect(page.get_by_role("cell", name=newcomer.name, exact=True)).to_be_visible()
    assert Assessment.objects.filter(authority=newcomer, round=round_).count() == 1
