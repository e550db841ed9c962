"""Journey 1: an official answers all eight steps in a real browser, with one mistake
corrected, leaves and comes back, checks the answers and submits."""
import re

from playwright.sync_api import Page, expect

from assessments.models import Answer, AssessmentState
from tests.helpers import evidence_links

from .helpers import pointer
from .helpers.answers import (
    EXPECTED_INDEX,
    EXPECTED_STEP_3_SCORE,
    LEFT_FOR_LATER,
    MISTAKE_CODE,
    MISTAKE_MESSAGE,
    PLAN,
    planned_for_step,
)
from .helpers.screenshots import save_screenshot
from .helpers.session import sign_in, sign_out


def test_official_answers_every_step_leaves_returns_and_submits(page: Page, assessment, people):
    editor = people["editor"]
    sign_in(page, editor)
    expect(page.get_by_role("heading", name="Your assessments", level=1)).to_be_visible()
    save_screenshot(page, "start")
    page.get_by_role("link", name="Greater Manchester Combined Authority").click()

    expect(page.get_by_text("0 of 24 criteria answered")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Step 1: ")).click()

    _make_and_correct_the_mistake(page)
    for number in (2, 3):
        _answer_step(page, number)

    # Step 4: two of three criteria, then "Save and come back later".
    expect(page.get_by_role("heading", name=re.compile(r"^Step 4: "))).to_be_visible()
    for planned in planned_for_step(4):
        if planned.code != LEFT_FOR_LATER:
            pointer.answer(page, planned)
    pointer.save_and_come_back_later(page)
    expect(page.get_by_text("Step 4 saved.")).to_be_visible()
    expect(page.get_by_text("11 of 24 criteria answered", exact=True)).to_be_visible()
    _expect_step_status(page, 3, "Completed")
    _expect_step_status(page, 4, "In progress")
    _expect_step_status(page, 5, "Not started")
    save_screenshot(page, "task-list", full_page=True)

    sign_out(page)
    sign_in(page, editor)
    expect(page.get_by_role("cell", name="11 of 24 criteria answered")).to_be_visible()
    page.get_by_role("link", name="Greater Manchester Combined Authority").click()
    page.get_by_role("link", name=re.compile(r"^Step 4: ")).click()
    # What was saved before signing out is still there.
    expect(pointer.criterion_group(page, "4.1").get_by_label("1 – Initial", exact=True)).to_be_checked()
    pointer.answer(page, next(p for p in PLAN if p.code == LEFT_FOR_LATER))
    pointer.save_and_continue(page)
    for number in range(5, 9):
        _answer_step(page, number)

    expect(page.get_by_role("heading", name="Check your answers before submitting")).to_be_visible()
    expect(page.get_by_text("24 of 24 criteria answered")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Change"))).to_have_count(24)
    expect(page.get_by_text("Level 3: agreed with government, with milestones")).to_be_visible()
    expect(page.get_by_role("link", name="https://www.example.gov.uk/evidence/1.1")).to_be_visible()
    save_screenshot(page, "check-answers")
    page.get_by_role("checkbox", name=re.compile(r"^I confirm that")).check()
    page.get_by_role("button", name="Accept and submit").click()

    expect(page.locator(".govuk-panel--confirmation")).to_contain_text("Assessment submitted")
    expect(page.locator(".govuk-panel--confirmation")).to_contain_text("Greater Manchester Combined Authority")
    save_screenshot(page, "confirmation")
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.SUBMITTED and assessment.submitted_by == editor
    assert Answer.objects.filter(assessment=assessment, answered_by=editor).count() == 24
    corrected = Answer.objects.get(assessment=assessment, criterion__code=MISTAKE_CODE)
    assert evidence_links(corrected) == ["https://www.example.gov.uk/evidence/1.1"]

    _expect_read_only(page, assessment)


def _make_and_correct_the_mistake(page: Page) -> None:
    """Level 3 without evidence: the error summary takes focus and its link leads to the field."""
    for planned in planned_for_step(1):
        pointer.answer(page, planned, evidence=planned.code != MISTAKE_CODE)
    pointer.save_and_continue(page)

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: "))
    save_screenshot(page, "step-with-error")
    evidence = page.get_by_label(f"Evidence link for {MISTAKE_CODE}")
    expect(evidence).to_have_accessible_description(re.compile(MISTAKE_MESSAGE))
    summary.get_by_role("link", name=MISTAKE_MESSAGE).click()
    expect(evidence).to_be_focused()
    # The other answers on the page were kept, so only the mistake needs fixing.
    expect(page.get_by_label("Justification for 1.2")).to_have_value(planned_for_step(1)[1].justification)
    evidence.fill(next(p for p in PLAN if p.code == MISTAKE_CODE).evidence)
    pointer.save_and_continue(page)


def _answer_step(page: Page, number: int) -> None:
    expect(page.get_by_role("heading", name=re.compile(rf"^Step {number}: "))).to_be_visible()
    for planned in planned_for_step(number):
        pointer.answer(page, planned)
    pointer.save_and_continue(page)


def _expect_step_status(page: Page, number: int, status: str) -> None:
    expect(page.locator(f"#step-{number}-status")).to_have_text(status)


def _expect_read_only(page: Page, assessment) -> None:
    page.get_by_role("link", name="view your answers").click()
    expect(page.get_by_role("heading", name="Answers", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Change"))).to_have_count(0)
    expect(page.get_by_role("button", name="Accept and submit")).to_have_count(0)

    page.get_by_role("link", name="Back to the task list").click()
    expect(page.get_by_text("Submitted", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Step \d: "))).to_have_count(0)
    page.get_by_role("link", name="See the scores so far").click()
    expect(page.get_by_role("row", name=re.compile(r"^3\. "))).to_contain_text(EXPECTED_STEP_3_SCORE)
    expect(page.locator(".app-score-large").first).to_have_text(EXPECTED_INDEX)
    save_screenshot(page, "results")

    # Even typing the address of a step page cannot change a submitted assessment.
    response = page.goto(f"/assessments/{assessment.pk}/steps/1/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="You cannot do this")).to_be_visible()
    expect(page.get_by_text("submitted, so answers cannot be changed")).to_be_visible()
    assert Answer.objects.get(assessment=assessment, criterion__code="1.1").score == 3
