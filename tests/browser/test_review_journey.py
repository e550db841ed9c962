"""Journey 2: a reviewer finds a submitted assessment by filtering the queue, moderates two
criteria with reasons and returns it; the official sees the notes, changes an answer and
resubmits; the reviewer approves; the dashboards show the moderated scores.

The numbers the dashboards must show are worked out here by hand from the plan in
helpers/answers.py (a step score is the mean of its levels x 25, N/A left out; the
readiness index is the mean of the eight step scores):

    step  self-assessed levels   after the journey (moderated in brackets)   step score
    1     3, 2, 2                [1], 2, 2                                    5/3 x 25 = 41.67
    2     2, 2, 2                2, 2, 2                                      50.00
    3     2, 3, N/A              2, 3, N/A                                    62.50
    4     1, 2, 1                1, 2, 2 (the official changes 4.3)           41.67
    5     2, 2, 2                                                             50.00
    6     2, 1, 2                                                             41.67
    7     3, 2, 2                                                             58.33
    8     2, 2, 4                2, 2, [2]                                    50.00
    index (41.67 + 50 + 62.5 + 41.67 + 50 + 41.67 + 58.33 + 50) / 8 = 395.83 / 8 = 49.48 (red)
    self-assessed index after the change: (58.33 + 50 + 62.5 + 41.67 + 50 + 41.67 + 58.33 + 66.67) / 8 = 53.65
"""
import re

from django.core import mail
from playwright.sync_api import Page, expect

from assessments.models import AssessmentState, Moderation
from assessments.services.submission import assessment_submit
from tests.factories import (
    AssessmentFactory,
    AuthorityFactory,
    UserFactory,
    answer_every_criterion,
)

from .helpers import data, pointer
from .helpers.screenshots import save_screenshot
from .helpers.session import sign_in, sign_out

MODERATIONS = {  # criterion: (moderated level's label, reason)
    "1.1": ("1 – Initial", "The roadmap is agreed by the councils only; there are no milestones with government."),
    "8.3": ("2 – Developing", "The annual report is published but nobody has verified it independently."),
}
RETURN_MESSAGE = "Please look at our notes on 1.1 and 8.3, and check 4.3 again: the board agreed the portfolio."
CHANGED_CODE, CHANGED_LABEL = "4.3", "2 – Developing"

MODERATED_STEP_SCORES = {1: ("41.67", "Red"), 4: ("41.67", "Red"), 8: ("50.00", "Amber")}
MODERATED_INDEX = "49.48"
SELF_ASSESSED_INDEX = "53.65"


def test_reviewer_moderates_returns_and_approves_and_the_dashboards_show_it(
    page: Page, assessment, people, other_authority
):
    editor, reviewer = people["editor"], people["reviewer"]
    data.submitted(assessment, editor)
    # Two more in the round, so the filters have something to leave out: a draft, and a
    # submitted assessment of an authority whose name does not match the search.
    AssessmentFactory(authority=other_authority, round=assessment.round)
    liverpool = AuthorityFactory(name="Liverpool City Region Combined Authority", short_name="Liverpool City Region")
    liverpool_assessment = AssessmentFactory(authority=liverpool, round=assessment.round)
    answer_every_criterion(liverpool_assessment, score=2)  # 50.00 in every step
    assessment_submit(assessment=liverpool_assessment, user=UserFactory(editor_of=liverpool))

    sign_in(page, reviewer)
    _find_in_queue(page)
    for code, (label, reason) in MODERATIONS.items():
        _moderate(page, code, label, reason)
    summary = page.locator(".govuk-summary-list")
    expect(summary).to_contain_text("In review")
    expect(summary).to_contain_text("48.44 (2 criteria moderated)")  # before the official's change
    page.goto(page.url.split("#")[0])  # from the top, without the success banner: step 1 with its moderated score
    save_screenshot(page, "review-page", height=int(page.locator("#step-2").bounding_box()["y"]))
    _return(page)
    assert any(editor.email in m.to and RETURN_MESSAGE in m.body for m in mail.outbox), "The editor was not emailed"
    sign_out(page)

    sign_in(page, editor)
    _see_notes_change_and_resubmit(page)
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.SUBMITTED

    sign_out(page)
    sign_in(page, reviewer)
    _find_in_queue(page)
    expect(summary).to_contain_text(f"Self-assessed index {SELF_ASSESSED_INDEX}")
    expect(summary).to_contain_text(f"{MODERATED_INDEX} (2 criteria moderated)")
    _approve(page)
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.APPROVED
    assert Moderation.objects.filter(assessment=assessment).count() == 2

    _expect_dashboards_show_moderated_scores(page)


def _find_in_queue(page: Page) -> None:
    page.get_by_role("link", name="Review", exact=True).click()
    expect(page.get_by_role("heading", level=1, name=re.compile(r"^Review queue"))).to_be_visible()
    count = page.locator("#result-count")
    expect(count).to_have_text("2 assessments match.")  # the queue opens on what needs review
    page.get_by_label("Status", exact=True).select_option(label="Submitted")
    page.get_by_role("button", name="Apply filters").click()
    expect(count).to_have_text("2 assessments match.")
    page.get_by_label("Authority name or code").fill("Manchester")
    page.get_by_role("button", name="Apply filters").click()
    expect(count).to_have_text("1 assessment matches.")
    expect(page.get_by_label("Status", exact=True)).to_have_value("submitted")  # the filters stay as chosen
    page.get_by_role("link", name="Greater Manchester Combined Authority").click()
    expect(page.get_by_role("heading", level=1, name="Review")).to_be_visible()


def _moderate(page: Page, code: str, label: str, reason: str) -> None:
    page.get_by_role("link", name=f"Review {code}", exact=True).click()
    expect(page.get_by_role("heading", level=1, name=re.compile(rf"^{re.escape(code)} "))).to_be_visible()
    page.get_by_role("group", name=f"Moderated score for {code}").get_by_label(label, exact=True).check()
    page.get_by_label("Reason for the moderated score").fill(reason)
    page.get_by_role("button", name="Save moderated score").click()
    expect(page.get_by_text(f"Moderated score for {code} saved.")).to_be_visible()
    # The reviewer stays at the criterion, with its neighbours one link away.
    expect(page.get_by_role("heading", level=1, name=re.compile(rf"^{re.escape(code)} "))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"(Previous|Next) criterion")).first).to_be_visible()
    page.get_by_role("link", name="Back to the review").click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=f"Review {code}", exact=True))
    expect(row).to_contain_text(reason)


def _return(page: Page) -> None:
    page.get_by_role("link", name="Return for changes").click()
    page.get_by_label("Message to the authority").fill(RETURN_MESSAGE)
    page.get_by_role("button", name="Return for changes").click()
    expect(page.get_by_text("Assessment returned to Greater Manchester Combined Authority for changes.")).to_be_visible()
    expect(page.locator(".govuk-summary-list")).to_contain_text("Returned")


def _see_notes_change_and_resubmit(page: Page) -> None:
    page.get_by_role("link", name="Greater Manchester Combined Authority").click()
    notes = page.get_by_role("region", name="Returned for changes")
    expect(notes).to_contain_text(RETURN_MESSAGE)

    page.get_by_role("link", name=re.compile(r"^Step 1: ")).click()
    notes = page.get_by_role("region", name="Returned for changes")
    expect(notes.get_by_role("link", name=re.compile(r"^1\.1 "))).to_be_visible()
    expect(notes).to_contain_text("Moderated score: Level 1.")
    expect(notes).to_contain_text(MODERATIONS["1.1"][1])
    page.get_by_role("link", name="Back to the task list").click()

    page.get_by_role("link", name=re.compile(r"^Step 4: ")).click()
    pointer.criterion_group(page, CHANGED_CODE).get_by_label(CHANGED_LABEL, exact=True).check()
    pointer.save_and_continue(page)
    expect(page.get_by_role("heading", level=1, name=re.compile(r"^Step 5: "))).to_be_visible()
    page.get_by_role("link", name="Back to the task list").click()
    page.get_by_role("link", name="Check your answers and submit").click()

    expect(page.get_by_role("heading", level=1, name="Check your answers before submitting")).to_be_visible()
    expect(page.get_by_role("region", name="Returned for changes")).to_contain_text(RETURN_MESSAGE)
    # Beside the answer it is about, each moderated criterion shows the reviewer's level and reason.
    for code, (label, reason) in MODERATIONS.items():
        answer = page.locator(".govuk-summary-list__row").filter(has_text=re.compile(rf"^\s*{re.escape(code)} "))
        expect(answer).to_contain_text(f"Moderated score: Level {label[0]}.")
        expect(answer).to_contain_text(reason)
    page.get_by_role("checkbox", name=re.compile(r"^I confirm that")).check()
    page.get_by_role("button", name="Accept and submit").click()
    expect(page.locator(".govuk-panel--confirmation")).to_contain_text("Assessment resubmitted")


def _approve(page: Page) -> None:
    page.get_by_role("link", name="Approve", exact=True).click()
    page.get_by_label("I have reviewed every criterion and the effective scores are correct").check()
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_text("Assessment for Greater Manchester Combined Authority approved.")).to_be_visible()


def _heat(value: str, rating: str) -> re.Pattern:
    """A heatmap cell: the number and its rating in words, never colour alone."""
    return re.compile(rf"^\s*{re.escape(value)}\s+{rating}\s*$")


def _expect_dashboards_show_moderated_scores(page: Page) -> None:
    page.get_by_role("link", name="Dashboards", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="National overview")).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Greater Manchester", exact=True))
    cells = row.locator("td")  # kind, tier, region, status, steps 1-8, index
    expect(row.locator('td[data-label="Status"]')).to_have_text("Approved")
    for number, (value, rating) in MODERATED_STEP_SCORES.items():
        expect(cells.nth(3 + number)).to_have_text(_heat(value, rating))
    expect(cells.nth(12)).to_have_text(_heat(MODERATED_INDEX, "Red"))
    # Down to the heatmap; the links and the footer below it would only make the file bigger.
    heatmap_bottom = page.locator(".app-heatmap").bounding_box()
    # The top of the page down to the heatmap, at most 1,200 px (the overview grew legends and
    # labels; a taller picture would pass the README's size limit).
    save_screenshot(page, "national-overview", height=min(int(heatmap_bottom["y"] + heatmap_bottom["height"]) + 30, 1200))

    # The spreads table's step link (the heatmap's column heading is a sort link with the short title).
    page.get_by_role("link", name=re.compile(r"^1\. .*three years$")).click()
    expect(page.get_by_role("heading", level=1, name=re.compile(r"^Step 1: "))).to_be_visible()
    strip = _expect_described_chart(page, "step-scores")
    # Two authorities: too few for a box, so every dot is named in the description.
    assert "Greater Manchester: 41.67" in strip and ": 50.00" in strip and "too few to summarise" in strip, strip
    ranked = page.get_by_role("table", name="Step 1 score by authority", include_hidden=True)
    expect(ranked.locator("td").first).to_have_text(_heat("50.00", "Amber"))
    expect(ranked.locator("td").last).to_have_text(_heat("41.67", "Red"))
    bars = _expect_described_chart(page, "criterion-levels")
    levels = page.get_by_role("table", name=re.compile(r"^Number of authorities at each level"))
    # 1.1: Liverpool at level 2, Greater Manchester moderated to level 1 (from its own 3);
    # levels 0-4, then not applicable and not answered.
    counts = ["0", "1", "1", "0", "0", "0", "0"]
    expect(levels.get_by_role("row", name=re.compile(r"^1\.1 ")).locator("td")).to_have_text(counts)
    # Each bar is named by its criterion's code and title.
    assert bars.startswith("1.1 Agreed institutional roadmap"), bars
    assert "years: 0 Absent 0, 1 Initial 1, 2 Developing 1, 3 Established 0, 4 Embedded 0," in bars, bars

    page.get_by_role("link", name="Back to the national overview").click()
    page.get_by_role("link", name="Greater Manchester", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Greater Manchester Combined Authority")).to_be_visible()
    # The description's first line is the authority's own series: "Greater Manchester: Step 1 41.67, ...".
    own_line = _expect_described_chart(page, "profile-radar").split(". ")[0]
    assert own_line.startswith("Greater Manchester: "), own_line
    for number, (value, rating) in MODERATED_STEP_SCORES.items():
        assert f"Step {number} {value}" in own_line, own_line
        step_row = page.get_by_role("row", name=re.compile(rf"^{number}\. "))
        expect(step_row.locator("td").first).to_have_text(_heat(value, rating))
    index_row = page.get_by_role("row", name=re.compile(r"^Readiness index"))
    expect(index_row.locator("td").first).to_have_text(_heat(MODERATED_INDEX, "Red"))
    moderated = page.get_by_role("row", name=re.compile(r"^1\.1 "))
    expect(moderated.locator("td")).to_have_text(["3", "1", MODERATIONS["1.1"][1]])


def _expect_described_chart(page: Page, chart_id: str) -> str:
    """The chart is an image named by its own <title> and described by its <desc>; returns the description."""
    svg = page.locator(f"svg[aria-labelledby^='{chart_id}-']")
    expect(svg).to_have_attribute("role", "img")
    expect(svg).to_have_attribute("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    expect(svg.locator(f"title#{chart_id}-title")).not_to_be_empty()
    description = svg.locator(f"desc#{chart_id}-desc")
    expect(description).not_to_be_empty()
    return description.text_content()
