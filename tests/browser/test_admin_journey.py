"""Journey 3: an admin invites an editor, who follows the emailed link, sets a password and
signs in; the admin creates and opens a round, and publishes another round's approved
results, which a signed-out visitor then sees on the public page (and nothing unpublished).

The invitation email is read from Django's locmem outbox: the live server answers from a
thread of this same process, so the email it sends lands in this test's ``mail.outbox``.
"""
import datetime
import re

from playwright.sync_api import Page, expect

from assessments.models import (
    AuthorityAccess,
    AuthorityAccessLevel,
    Round,
    RoundState,
    User,
)
from assessments.services.submission import assessment_submit
from tests.factories import AssessmentFactory, answer_every_criterion

from .helpers import data
from .helpers.session import sign_in, sign_out

INVITEE_EMAIL = "priya.shah@example.gov.uk"
INVITEE_PASSWORD = "Tarn-Hows-lantern-47"
NEW_ROUND = "2027-28 readiness"
# Greater Manchester's approved result (helpers/data.approved: the plan, with 1.1 moderated
# from 3 to 1): steps 41.67, 50, 62.5, 33.33, 50, 41.67, 58.33, 66.67; 404.17 / 8 = 50.52.
PUBLISHED_INDEX = "50.52"


def test_admin_invites_an_editor_opens_a_round_and_publishes_results(
    page: Page, assessment, people, other_authority
):
    admin = people["admin"]
    data.approved(assessment, people)
    # Submitted but not approved: in the published round, yet never on the public page.
    west_midlands = AssessmentFactory(authority=other_authority, round=assessment.round)
    answer_every_criterion(west_midlands)
    assessment_submit(assessment=west_midlands, user=people["other_official"])

    sign_in(page, admin)
    _invite(page, authority_name=assessment.authority.name)
    link = data.emailed_link(INVITEE_EMAIL)
    assert link.startswith(page.url.split("/manage/")[0]), f"The link is not to this site: {link}"
    sign_out(page)

    _accept_invitation(page, link)
    invitee = User.objects.get(email=INVITEE_EMAIL)
    assert AuthorityAccess.objects.filter(
        user=invitee, authority=assessment.authority, level=AuthorityAccessLevel.EDITOR
    ).exists()
    sign_in(page, invitee, password=INVITEE_PASSWORD)
    expect(page.get_by_role("heading", level=1, name="Your assessments")).to_be_visible()
    expect(page.get_by_role("link", name="Greater Manchester Combined Authority")).to_be_visible()
    sign_out(page)

    sign_in(page, admin)
    _create_and_open_round(page, framework=assessment.round.framework)
    _publish(page, round_name=assessment.round.name)
    sign_out(page)

    _expect_public_page(page, published=assessment.round)


def _invite(page: Page, *, authority_name: str) -> None:
    page.get_by_role("link", name="Manage", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Manage the service")).to_be_visible()
    page.get_by_role("link", name="Invite someone").click()
    page.get_by_label("Email address").fill(INVITEE_EMAIL)
    page.get_by_label("Full name").fill("Priya Shah")
    # The authority questions appear only for someone at an authority (GOV.UK conditional reveal).
    expect(page.get_by_label("Authority", exact=True)).to_be_hidden()
    page.get_by_label("Someone at an authority").check()
    page.get_by_label("Authority", exact=True).select_option(label=authority_name)
    page.get_by_label(re.compile("^Editor")).check()
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text(f"Invitation sent to {INVITEE_EMAIL}.")).to_be_visible()


def _accept_invitation(page: Page, link: str) -> None:
    page.goto(link)
    expect(page.get_by_role("heading", level=1, name="Set up your account")).to_be_visible()
    expect(page.get_by_text("You have been invited as editor for Greater Manchester Combined Authority")).to_be_visible()
    expect(page.get_by_label("Full name")).to_have_value("Priya Shah")
    page.get_by_label("Create a password").fill(INVITEE_PASSWORD)
    page.get_by_label("Confirm your password").fill(INVITEE_PASSWORD)
    page.get_by_role("button", name="Create account").click()
    # Signed in straight away.
    expect(page.get_by_text("Your account is ready and you are signed in.")).to_be_visible()
    expect(page.get_by_role("heading", level=1, name="Your assessments")).to_be_visible()
    sign_out(page)
    # The link works once.
    page.goto(link)
    expect(page.get_by_role("heading", level=1, name="Set up your account")).to_have_count(0)


def _fill_date(page: Page, legend: str, day: datetime.date) -> None:
    group = page.get_by_role("group", name=re.compile(rf"^{re.escape(legend)}"))
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _create_and_open_round(page: Page, *, framework) -> None:
    page.get_by_role("link", name="Manage", exact=True).click()
    page.get_by_role("link", name="Rounds", exact=True).click()
    page.get_by_role("link", name="Create a round").click()
    page.get_by_label("Round name").fill(NEW_ROUND)
    page.get_by_label("Framework version").select_option(label=f"{framework.name}, version {framework.version}")
    page.get_by_label("Mayoral combined authority").check()
    opens = datetime.date.today() + datetime.timedelta(days=30)
    _fill_date(page, "Opening date", opens)
    _fill_date(page, "Closing date", opens + datetime.timedelta(days=90))
    page.get_by_role("button", name="Create round").click()
    expect(page.get_by_role("heading", level=1, name=NEW_ROUND)).to_be_visible()
    expect(page.get_by_text("Opening the round creates 2 draft assessments.")).to_be_visible()
    page.get_by_role("button", name="Open the round").click()
    # Greater Manchester and West Midlands are mayoral combined authorities (the factories' default).
    expect(page.get_by_text(f"{NEW_ROUND} is open. 2 new assessments were created.")).to_be_visible()
    # It opens in 30 days: until then it is scheduled, not open.
    expect(page.get_by_text("Scheduled: authorities can start on")).to_be_visible()
    assert Round.objects.get(name=NEW_ROUND).state == RoundState.OPEN


def _publish(page: Page, *, round_name: str) -> None:
    page.get_by_role("link", name="Dashboards", exact=True).click()
    # The dashboards open on the newest round with submissions, not the empty new one; the
    # round to publish is picked from the list.
    expect(page.locator(".govuk-caption-l")).not_to_contain_text(NEW_ROUND)
    page.get_by_label("Round", exact=True).select_option(label=round_name)
    page.get_by_role("button", name="Show round").click()
    expect(page.get_by_text(f"{round_name} ·")).to_be_visible()
    page.get_by_role("link", name="Publish this round's approved results").click()
    # Nothing is public yet: the confirmation page shows what would be, and asks.
    expect(page.get_by_role("heading", level=1, name="Publish the approved results")).to_be_visible()
    expect(page.get_by_text("The round is still open.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(rf"^Greater Manchester Combined Authority {PUBLISHED_INDEX}"))).to_be_visible()
    expect(page.get_by_text("1 submitted")).to_be_visible()
    page.get_by_role("button", name="Publish the results").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Confirm that you have checked the preview")
    assert Round.objects.get(name=round_name).published_at is None
    page.get_by_label("I have checked the preview and want to make these results public").check()
    page.get_by_role("button", name="Publish the results").click()
    expect(page.get_by_text(f"The {round_name} round's approved results are now published.")).to_be_visible()


def _expect_public_page(page: Page, *, published: Round) -> None:
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    page.goto("/published/")
    expect(page.get_by_role("heading", level=1, name="Published readiness results")).to_be_visible()
    expect(page.get_by_role("link", name=NEW_ROUND)).to_have_count(0)
    page.get_by_role("link", name=published.name).click()
    expect(page.get_by_role("heading", level=1, name=f"{published.name}: readiness results")).to_be_visible()
    expect(page.get_by_text("These are the approved assessments of 1 authority.")).to_be_visible()
    row = page.get_by_role("row", name=re.compile(r"^Greater Manchester Combined Authority"))
    expect(row.locator("td").last).to_have_text(re.compile(rf"^\s*{re.escape(PUBLISHED_INDEX)}\s+Amber\s*$"))
    expect(row.locator("td").first).to_have_text(re.compile(r"^\s*41\.67\s+Red\s*$"))
    expect(page.locator("main")).not_to_contain_text("West Midlands")
    # An unpublished round is not there at all for a signed-out visitor.
    unpublished = Round.objects.get(name=NEW_ROUND)
    assert page.goto(f"/published/{unpublished.pk}/").status == 404
