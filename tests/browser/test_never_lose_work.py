"""Issue 10 in a real browser: officials never lose work, copied answers are confirmed before
they count, and the return-for-changes loop closes on both sides. Everything by visible label."""
import datetime
import re

from django.conf import settings as django_settings
from django.core.cache import caches
from django.db import connection
from django.utils import timezone
from playwright.sync_api import Page, expect

from assessments.models import Answer, AssessmentState, Moderation
from tests.factories import PASSWORD, AssessmentFactory, RoundFactory

from .helpers import data, pointer
from .helpers.answers import PLAN
from .helpers.session import sign_in, sign_out

TYPED = "Drafted over half an hour: the growth plan was agreed by all ten councils in March."


def _step_url(assessment, number: int) -> str:
    return f"/assessments/{assessment.pk}/steps/{number}/"


def _end_every_session() -> None:
    """Sessions live in the shared cache (levelup/settings.py): emptying it ends them on the server."""
    caches[django_settings.SESSION_CACHE_ALIAS].clear()


def _session_expiry(page: Page) -> datetime.datetime:
    """When the browser's session ends, from the database cache's table (the test settings' cache)."""
    key = next(c["value"] for c in page.context.cookies() if c["name"] == django_settings.SESSION_COOKIE_NAME)
    table = caches[django_settings.SESSION_CACHE_ALIAS]._table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT expires FROM {connection.ops.quote_name(table)} WHERE cache_key LIKE %s", [f"%{key}"])
        [(expires,)] = cursor.fetchall()
    return expires


def _sign_in_here(page: Page, user) -> None:
    """Fill in the sign-in page the browser is on now (keeping its ``next``)."""
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_session_expiry_during_a_step_keeps_the_typed_text_through_sign_in(page: Page, assessment, people):
    editor = people["editor"]
    sign_in(page, editor)
    page.goto(_step_url(assessment, 1))
    pointer.criterion_group(page, "1.2").get_by_label("2 – Developing", exact=True).check()
    page.get_by_label("Justification for 1.2").fill(TYPED)

    _end_every_session()  # 30 minutes pass: the session has ended on the server
    pointer.save_and_continue(page)

    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    expect(page.get_by_text("You were signed out because you were inactive for 30 minutes.")).to_be_visible()
    expect(page.get_by_text("We kept what you typed. Sign in again to check it and save it.")).to_be_visible()
    _sign_in_here(page, editor)

    expect(page.get_by_role("heading", level=1, name=re.compile(r"^Step 1: "))).to_be_visible()
    expect(page.get_by_role("region", name="Unsaved changes")).to_contain_text("You were signed out before your changes")
    expect(page.get_by_label("Justification for 1.2")).to_have_value(TYPED)
    expect(pointer.criterion_group(page, "1.2").get_by_label("2 – Developing", exact=True)).to_be_checked()
    assert not Answer.objects.filter(assessment=assessment).exists()  # offered back, not saved behind their back

    pointer.save_and_come_back_later(page)
    expect(page.get_by_text("Step 1 saved.")).to_be_visible()
    assert Answer.objects.get(assessment=assessment, criterion__code="1.2").justification == TYPED


def test_a_different_person_signing_in_on_the_same_browser_sees_nothing_kept(page: Page, assessment, people, authority):
    from tests.factories import UserFactory

    sign_in(page, people["editor"])
    page.goto(_step_url(assessment, 1))
    page.get_by_label("Justification for 1.2").fill(TYPED)
    _end_every_session()
    pointer.save_and_come_back_later(page)
    colleague = UserFactory(editor_of=authority)
    _sign_in_here(page, colleague)
    expect(page.get_by_role("heading", level=1, name=re.compile(r"^Step 1: "))).to_be_visible()
    expect(page.get_by_label("Justification for 1.2")).to_have_value("")
    expect(page.get_by_role("region", name="Unsaved changes")).to_have_count(0)


def test_timeout_warning_offers_stay_signed_in_without_losing_the_page(page: Page, assessment, people, settings):
    settings.SESSION_COOKIE_AGE = 125  # the warning comes 2 minutes before the end: after 5 seconds
    sign_in(page, people["editor"])
    page.goto(_step_url(assessment, 1))
    page.get_by_label("Justification for 1.1").fill(TYPED)

    dialog = page.get_by_role("dialog", name="You’re about to be signed out")
    expect(dialog).to_be_visible(timeout=15_000)
    expect(dialog.get_by_role("heading", name="You’re about to be signed out")).to_be_focused()
    expect(dialog).to_contain_text("we will sign you out in")
    expect(page.locator("[data-announce]")).to_have_text(re.compile(r"You will be signed out in"))
    dialog.get_by_role("button", name="Stay signed in").click()

    expect(dialog).to_be_hidden()
    expect(page.get_by_label("Justification for 1.1")).to_have_value(TYPED)
    expect(page.get_by_label("Justification for 1.1")).to_be_focused()  # focus back where it was
    assert _session_expiry(page) > timezone.now() + datetime.timedelta(seconds=100)  # extended


def test_save_for_later_keeps_a_half_finished_step(page: Page, assessment, people):
    sign_in(page, people["editor"])
    page.goto(_step_url(assessment, 2))
    pointer.criterion_group(page, "2.1").get_by_label("4 – Embedded", exact=True).check()  # no justification yet
    page.get_by_label("Justification for 2.2").fill("Figures due from the ONS in May.")  # no level yet
    pointer.save_and_come_back_later(page)

    expect(page.get_by_text("Step 2 saved.")).to_be_visible()
    step_2 = page.locator(".govuk-task-list__item").filter(has_text="Step 2:")
    expect(step_2).to_contain_text("In progress")
    expect(step_2).to_contain_text("0 of 3 criteria answered, 2 in progress")
    expect(page.get_by_text("0 of 24 criteria answered", exact=True)).to_be_visible()  # nothing counted

    page.get_by_role("link", name="Check your answers and submit").click()
    expect(page.get_by_text("In progress – needs completing")).to_have_count(2)
    to_do = page.locator("#to-do")
    expect(to_do).to_contain_text("finish the answer")
    to_do.get_by_role("link", name=re.compile(r"^2\.1 ")).click()
    expect(pointer.criterion_group(page, "2.1").get_by_label("4 – Embedded", exact=True)).to_be_checked()
    expect(page.get_by_label("Justification for 2.2")).to_have_value("Figures due from the ONS in May.")


def test_change_from_check_answers_returns_to_check_answers(page: Page, assessment, people):
    editor = people["editor"]
    data.answer_as_planned(assessment, editor)
    sign_in(page, editor)
    page.goto(f"/assessments/{assessment.pk}/check/")
    page.get_by_role("link", name=re.compile(r"^Change 1\.2 ")).click()
    expect(page.get_by_role("link", name="Back to check your answers")).to_be_visible()
    page.get_by_label("Justification for 1.2").fill("Updated after the March board.")
    page.get_by_label("Evidence link for 1.2").fill("www.example.gov.uk/board-march")
    pointer.save_and_continue(page)

    expect(page.get_by_role("heading", level=1, name="Check your answers before submitting")).to_be_visible()
    expect(page.get_by_text("We added https:// to the evidence link for 1.2.")).to_be_visible()
    expect(page.get_by_text("Updated after the March board.")).to_be_visible()
    expect(page.get_by_role("link", name="https://www.example.gov.uk/board-march")).to_be_visible()


def test_copied_answers_block_submission_until_confirmed(page: Page, assessment, people):
    editor = people["editor"]
    earlier = RoundFactory(
        name="Baseline", framework=assessment.round.framework, closed=True,
        opens_on=timezone.localdate() - datetime.timedelta(days=400),
        closes_on=timezone.localdate() - datetime.timedelta(days=300),
    )
    previous = AssessmentFactory(round=earlier, authority=assessment.authority, submitted=True)
    data.answer_as_planned(previous, editor)
    previous.state = AssessmentState.APPROVED
    previous.save()

    sign_in(page, editor)
    page.goto(f"/assessments/{assessment.pk}/")
    page.get_by_role("button", name="Start from your previous round’s approved answers").click()
    expect(page.get_by_text("24 answers copied from your previous approved assessment.")).to_be_visible()
    expect(page.get_by_text("3 copied answers to confirm")).to_have_count(8)
    expect(page.locator(".govuk-task-list__status").filter(has_text="Completed")).to_have_count(0)

    page.get_by_role("link", name="Check your answers and submit").click()
    expect(page.get_by_role("button", name="Accept and submit")).to_have_count(0)  # not offered yet
    expect(page.locator("#to-do li")).to_have_count(24)

    for number in range(1, 9):
        page.goto(_step_url(assessment, number))
        if number == 1:  # saving without confirming is refused, naming each copied answer
            pointer.save_and_continue(page)
            expect(page.locator(".govuk-error-summary")).to_contain_text(
                "Confirm that the copied answer to 1.1 still describes your area, or change it"
            )
        for planned in (p for p in PLAN if p.step == number):
            page.get_by_label(f"The copied answer to {planned.code} still describes our area").check()
        pointer.save_and_continue(page)
    expect(page.get_by_role("heading", level=1, name="Check your answers before submitting")).to_be_visible()
    page.get_by_role("checkbox", name=re.compile(r"^I confirm that")).check()
    page.get_by_role("button", name="Accept and submit").click()
    expect(page.locator(".govuk-panel--confirmation")).to_contain_text(f"LU-{assessment.pk:05d}-1")

    sign_out(page)
    sign_in(page, people["reviewer"])
    page.goto(f"/review/assessments/{assessment.pk}/criteria/1.1/")
    expect(page.get_by_text("Copied unchanged from the previous round")).to_be_visible()


INTERNAL = "Internal: the minister's office asked about this authority."


def test_return_reply_resubmit_what_changed_remoderate_approve(page: Page, assessment, people):
    editor, reviewer = people["editor"], people["reviewer"]
    data.submitted(assessment, editor)

    # Reviewer: moderate 1.1, a note for the authority on 1.2, an internal note, return.
    sign_in(page, reviewer)
    page.goto(f"/review/assessments/{assessment.pk}/")
    page.get_by_role("button", name="Assign to me").click()
    expect(page.get_by_text("You are now the reviewer of this assessment.")).to_be_visible()
    page.get_by_role("link", name="Review 1.1", exact=True).click()
    group = page.get_by_role("group", name="Moderated score for 1.1")
    expect(group.get_by_label("3 – Established (the authority’s level)", exact=True)).to_be_visible()
    group.get_by_label("1 – Initial", exact=True).check()
    page.get_by_label("Reason for the moderated score").fill("No milestones agreed with government.")
    page.get_by_role("button", name="Save moderated score").click()
    expect(page.get_by_text("Moderated score for 1.1 saved.")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"Next criterion")).click()
    expect(page.get_by_role("heading", level=1, name=re.compile(r"^1\.2 "))).to_be_visible()
    page.get_by_label("Add a comment on 1.2").fill("Please link the signed devolution deal.")
    page.get_by_role("button", name="Add comment").click()
    page.get_by_label("Add a comment on 1.2").fill(INTERNAL)
    page.get_by_label("Central staff only (an internal note)").check()
    page.get_by_role("button", name="Add comment").click()
    expect(page.get_by_text("Internal note added (central staff only).")).to_be_visible()
    page.get_by_role("link", name="Back to the review").click()
    page.get_by_role("link", name="Return for changes").click()
    page.get_by_label("Message to the authority").fill("Please see our notes on step 1.")
    page.get_by_role("button", name="Return for changes").click()
    sign_out(page)

    # Official: "Changes requested", reply to the note, change 1.1, resubmit with a note.
    sign_in(page, editor)
    page.goto(f"/assessments/{assessment.pk}/")
    step_1 = page.locator(".govuk-task-list__item").filter(has_text="Step 1:")
    expect(step_1).to_contain_text("Changes requested")
    expect(page.get_by_text(INTERNAL)).to_have_count(0)
    step_1.get_by_role("link").click()
    expect(page.get_by_text("Please link the signed devolution deal.")).to_be_visible()
    expect(page.get_by_text(INTERNAL)).to_have_count(0)
    page.get_by_role("link", name="Reply to this note on 1.2").click()
    page.get_by_label("Your reply").fill("The deal is signed; the link is now in 1.2.")
    page.get_by_role("button", name="Save reply").click()
    expect(page.get_by_text("Reply saved.")).to_be_visible()
    pointer.criterion_group(page, "1.1").get_by_label("2 – Developing", exact=True).check()
    page.get_by_label("Evidence link for 1.2").fill("https://www.example.gov.uk/signed-deal")
    pointer.save_and_continue(page)
    page.goto(f"/assessments/{assessment.pk}/check/")
    page.get_by_label("Note to the reviewer (optional)").fill("1.1 lowered to 2; deal linked in 1.2.")
    page.get_by_role("checkbox", name=re.compile(r"^I confirm that")).check()
    page.get_by_role("button", name="Accept and submit").click()
    expect(page.locator(".govuk-panel--confirmation")).to_contain_text(f"LU-{assessment.pk:05d}-2")
    expect(page.get_by_text(f"{reviewer}, a central reviewer, will review your answers")).to_be_visible()
    sign_out(page)

    # Reviewer: what changed, the reply, the stale moderation blocks approval until re-moderated.
    sign_in(page, reviewer)
    page.goto(f"/review/assessments/{assessment.pk}/")
    changes = page.get_by_role("table", name=re.compile(r"answers? changed"))
    row_1_1 = changes.get_by_role("row").filter(has_text="Level")
    expect(row_1_1.first).to_contain_text("Level 3")
    expect(row_1_1.first).to_contain_text("Level 2")
    expect(changes).to_contain_text("https://www.example.gov.uk/signed-deal")
    expect(page.get_by_text("1.1 lowered to 2; deal linked in 1.2.")).to_be_visible()
    expect(page.get_by_text("Authority changed its answer after this moderation")).to_be_visible()

    page.get_by_role("link", name="Approve", exact=True).click()
    page.get_by_label("I have reviewed every criterion and the effective scores are correct").check()
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("1.1: the authority changed its answer after this moderation")

    page.goto(f"/review/assessments/{assessment.pk}/criteria/1.2/")
    expect(page.get_by_text("The deal is signed; the link is now in 1.2.")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"Previous criterion")).click()
    page.get_by_role("group", name="Moderated score for 1.1").get_by_label(
        "2 – Developing (the authority’s level)", exact=True
    ).check()
    page.get_by_label("Reason for the moderated score").fill("Agreed: level 2 now that milestones are not claimed.")
    page.get_by_role("button", name="Change moderated score").click()
    expect(page.get_by_text("Authority changed its answer after this moderation")).to_have_count(0)
    page.get_by_role("link", name="Back to the review").click()
    page.get_by_role("link", name="Approve", exact=True).click()
    page.get_by_label("I have reviewed every criterion and the effective scores are correct").check()
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_text("Assessment for Greater Manchester Combined Authority approved.")).to_be_visible()
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.APPROVED
    assert Moderation.objects.get(assessment=assessment).score == 2
