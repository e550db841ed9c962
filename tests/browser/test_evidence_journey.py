"""Issue 18's journey: an official attaches a new document and an existing library item to a
criterion, submits, and a reviewer downloads the document the submission cites."""
import re

from django.urls import reverse
from playwright.sync_api import Page, expect

from assessments.models import Answer, AssessmentState
from tests.evidence.factories import link_item
from tests.evidence.files import pdf

from .helpers import data, pointer
from .helpers.screenshots import save_screenshot
from .helpers.session import sign_in, sign_out


def test_official_attaches_a_document_and_a_library_item_submits_and_a_reviewer_downloads_it(
    page: Page, assessment, people
):
    editor, reviewer = people["editor"], people["reviewer"]
    data.answer_as_planned(assessment, editor)  # every criterion answered; 1.1 gets its evidence below
    link_item(authority=assessment.authority, user=editor, title="Board minutes, March 2026",
              url="https://www.example.gov.uk/board/2026-03")

    sign_in(page, editor)
    page.goto(reverse("assessment-step", args=[assessment.pk, 1]))
    page.get_by_label("Add an item from your evidence library to 1.1").select_option(label="Board minutes, March 2026")
    page.get_by_label("Upload a new evidence document for 1.1").set_input_files(
        files={"name": "Growth plan 2026.pdf", "mimeType": "application/pdf", "buffer": pdf()}
    )
    page.set_viewport_size({"width": 320, "height": 800})
    page.get_by_label("Upload a new evidence document for 1.1").scroll_into_view_if_needed()
    save_screenshot(page, "evidence-step-320")
    page.set_viewport_size({"width": 1280, "height": 800})
    pointer.save_and_continue(page)
    expect(page.get_by_role("heading", name=re.compile(r"^Step 2: "))).to_be_visible()

    answer = Answer.objects.get(assessment=assessment, criterion__code="1.1")
    titles = sorted(link.item.title for link in answer.evidence_links.select_related("item"))
    assert "Board minutes, March 2026" in titles and "Growth plan 2026" in titles

    page.goto(reverse("assessment-check", args=[assessment.pk]))
    expect(page.get_by_role("link", name=re.compile(r"^Growth plan 2026"))).to_be_visible()
    page.get_by_role("checkbox", name=re.compile(r"^I confirm that")).check()
    page.get_by_role("button", name="Accept and submit").click()
    expect(page.locator(".govuk-panel--confirmation")).to_contain_text("Assessment submitted")
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.SUBMITTED
    sign_out(page)

    sign_in(page, reviewer)
    page.goto(reverse("review-criterion", args=[assessment.pk, "1.1"]))
    document = page.get_by_role("link", name=re.compile(r"^Growth plan 2026"))
    expect(document).to_be_visible()
    expect(page.get_by_text(re.compile(r"PDF, \d+\s+bytes, version 1"))).to_be_visible()
    expect(page.get_by_role("link", name="Board minutes, March 2026")).to_be_visible()
    save_screenshot(page, "evidence-review")
    with page.expect_download() as download_info:
        document.click()
    download = download_info.value
    assert download.suggested_filename == "Growth-plan-2026.pdf" or download.suggested_filename == "Growth plan 2026.pdf"
    with open(download.path(), "rb") as saved:
        assert saved.read() == pdf()
