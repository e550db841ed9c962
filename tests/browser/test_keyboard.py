"""Journey 4: journey 1 with the keyboard alone. No clicks and no filling of elements:
Tab, Shift+Tab, Space, Enter, the arrow keys and typing, checking on the way that the tab
order follows the form, that focus lands on the error summary after a failed submit and
that every focused element shows it."""
import re

from playwright.sync_api import Page, expect

from assessments.models import AssessmentState
from tests.factories import PASSWORD

from .helpers.answers import (
    LEFT_FOR_LATER,
    MISTAKE_CODE,
    MISTAKE_MESSAGE,
    PLAN,
    planned_for_step,
    slug,
)
from .helpers.keyboard import (
    activate,
    assert_outlined,
    by_name,
    by_text,
    choose_radio,
    focused,
    tab,
    tab_until,
    type_text,
)

SAVE = "Save and continue"
LATER = "Save and come back later"


def test_official_completes_the_journey_with_the_keyboard_only(page: Page, assessment, people):
    editor = people["editor"]
    page.goto("/sign-in/")
    _sign_in(page, editor, skip_link=True)
    _open_step_from_start_page(page, 1)

    _answer_step(page, 1, leave_out_evidence=MISTAKE_CODE)
    _expect_error_summary_focused(page, MISTAKE_MESSAGE)
    activate(page)  # the link in the summary: focus goes to the field in error
    assert focused(page).id == f"id_{slug(MISTAKE_CODE)}-evidence"
    type_text(page, next(p for p in PLAN if p.code == MISTAKE_CODE).evidence)
    path = tab_until(page, by_text(SAVE))
    assert [el.key for el in path] == [
        "c1-1-document", "c1-2-level", "c1-2-justification", "c1-2-evidence", "c1-2-document",
        "c1-3-level", "c1-3-justification", "c1-3-evidence", "c1-3-document", SAVE,
    ]
    activate(page)

    for number in (2, 3):
        _answer_step(page, number)
    _answer_step(page, 4, only=[p.code for p in planned_for_step(4) if p.code != LEFT_FOR_LATER], button=LATER)
    # The success banner takes focus, below the header: Shift+Tab goes back up to "Sign out".
    expect(page.locator(".govuk-notification-banner--success")).to_be_focused()
    expect(page.get_by_text("Step 4 saved.")).to_be_visible()
    tab_until(page, by_text("Sign out"), backwards=True)
    activate(page)
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    _sign_in(page, editor)
    _open_step_from_start_page(page, 4)
    _answer_step(page, 4, only=[LEFT_FOR_LATER])
    for number in range(5, 9):
        _answer_step(page, number)

    expect(page.get_by_role("heading", name="Check your answers before submitting")).to_be_visible()
    # Submitting without the declaration fails; the summary's link leads to the checkbox.
    tab_until(page, by_text("Accept and submit"), limit=200)
    activate(page)
    _expect_error_summary_focused(page, "Confirm that the answers are accurate before you submit")
    activate(page)
    assert focused(page).name == "confirm"
    page.keyboard.press("Space")
    assert focused(page).checked
    assert tab(page).text == "Accept and submit"
    activate(page)

    expect(page.locator(".govuk-panel--confirmation")).to_contain_text("Assessment submitted")
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.SUBMITTED and assessment.submitted_by == editor
    tab_until(page, by_text("view your answers"))
    activate(page)
    expect(page.get_by_role("heading", name="Answers", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Change"))).to_have_count(0)


def _sign_in(page: Page, user, *, skip_link: bool = False) -> None:
    if skip_link:
        # On a fresh page the first Tab reaches the skip link; Enter moves focus to the
        # main content, so the next Tab reaches the first field, past the header's links.
        first = tab(page)
        assert first.text == "Skip to main content", f"The first Tab reached {first}"
        activate(page)
        assert tab(page).name == "username"
    else:
        tab_until(page, by_name("username"))
    type_text(page, user.email)
    assert tab(page).name == "password"
    type_text(page, PASSWORD)
    assert tab(page).text == "Sign in"
    activate(page)
    expect(page.get_by_role("heading", name="Your assessments", level=1)).to_be_visible()


def _open_step_from_start_page(page: Page, number: int) -> None:
    tab_until(page, by_text("Greater Manchester Combined Authority"))
    activate(page)
    expect(page.get_by_role("heading", name="Readiness assessment")).to_be_visible()
    tab_until(page, lambda el: el.text.startswith(f"Step {number}: "))
    activate(page)
    expect(page.get_by_role("heading", name=re.compile(rf"^Step {number}: "))).to_be_visible()


def _answer_step(page: Page, number: int, *, only=None, leave_out_evidence=None, button=SAVE) -> None:
    """Tab through every field of the step in order, answering those in ``only`` (default all)."""
    expect(page.get_by_role("heading", name=re.compile(rf"^Step {number}: "))).to_be_visible()
    for index, planned in enumerate(planned_for_step(number)):
        answer = only is None or planned.code in only
        prefix = slug(planned.code)
        if index == 0:  # from wherever focus starts (the top, or main after the skip link)
            tab_until(page, by_name(f"{prefix}-level"))
        else:
            assert tab(page).name == f"{prefix}-level", f"Tab order: expected the levels of {planned.code}"
        if answer:
            choose_radio(page, planned.radio_value)
        assert tab(page).name == f"{prefix}-justification"
        if answer:
            type_text(page, planned.justification)
        reached = tab(page).name
        if reached == f"{prefix}-evidence-add":  # once the library has items: pick one, or go on to a new link
            reached = tab(page).name
        assert reached == f"{prefix}-evidence"
        if answer and planned.code != leave_out_evidence:
            type_text(page, planned.evidence)
        assert tab(page).name == f"{prefix}-document"
    assert tab(page).text == SAVE
    if button == LATER:
        assert tab(page).text == LATER
    activate(page)


def _expect_error_summary_focused(page: Page, message: str) -> None:
    """After a failed submit the error summary has focus; the next Tab reaches its link."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    assert_outlined(page)
    assert tab(page).text == message



def test_a_link_in_a_table_keeps_focus_when_the_table_script_arrives_late(page: Page, people):
    """A keyboard user can Tab into a table before the script that wraps wide tables in a
    scrolling region has run. Wrapping moves the table in the page, which used to drop
    focus to the body: the person would find themselves back at the top."""
    from .helpers.session import sign_in

    sign_in(page, people["admin"])
    held = []
    page.route("**/app-tables*.mjs", lambda route: held.append(route))
    page.goto("/manage/authorities/", wait_until="domcontentloaded")
    tab_until(page, by_text("Greater Manchester Combined Authority"), limit=200)
    page.wait_for_function("() => true")  # lets Playwright hand the held request to its handler
    assert held and page.locator(".app-table-scroll").count() == 0, "the table script was not held back"

    held[0].continue_()
    expect(page.locator(".app-table-scroll").first).to_be_attached()
    assert focused(page).text == "Greater Manchester Combined Authority"


def test_a_focused_scrolling_region_keeps_focus_when_it_stops_scrolling(page: Page, people):
    """A wide table's scrolling region joins the Tab order only while it scrolls. Taking it
    out (the window widened, a font arrived) while it has focus used to drop focus to the
    body; it now leaves the Tab order once focus moves on."""
    from .helpers.session import sign_in

    sign_in(page, people["admin"])
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/manage/authorities/")
    region = page.locator(".app-table-scroll[tabindex='0']").first
    expect(region).to_be_attached()
    region.focus()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_function("() => { const r = document.querySelector('.app-table-scroll');"
                           " return r.scrollWidth <= r.clientWidth + 1; }")
    page.wait_for_timeout(200)  # the ResizeObserver's callback runs after layout
    assert page.evaluate("() => document.activeElement.classList.contains('app-table-scroll')")
    page.keyboard.press("Tab")
    assert page.evaluate("() => !document.querySelector('.app-table-scroll').hasAttribute('tabindex')")
