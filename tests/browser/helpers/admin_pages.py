"""The admin's pages, the invitee's and the public results (journey 3), with their data."""
from django.urls import reverse
from playwright.sync_api import Page, expect

from . import data
from .page_types import PageType, Scene


def _invite_without_anything(page: Page) -> None:
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()


def _accept(scene: Scene) -> str:
    return data.invitation_link(
        email="priya.shah@example.gov.uk", authority=scene.assessment.authority, admin=scene.people["admin"]
    )


def _published(name: str):
    def arrange(scene: Scene) -> str:
        data.published(scene.assessment, scene.people)
        return reverse(name, args=[scene.assessment.round_id] if name == "public-round" else [])

    return arrange


def _undelivered_emails(scene: Scene) -> str:
    from django.utils import timezone

    from outbox.models import EmailStatus, OutgoingEmail

    now = timezone.now()
    OutgoingEmail.objects.create(
        kind="submitted", to_address=scene.people["reviewer"].email, subject="An assessment has been submitted",
        body="-", status=EmailStatus.FAILED, attempts=8, failed_at=now, last_error="ConnectionRefusedError: refused",
    )
    OutgoingEmail.objects.create(
        kind="returned", to_address=scene.people["editor"].email, subject="Your assessment has been returned",
        body="-", attempts=2, next_attempt_at=now + timezone.timedelta(minutes=2), last_error="SMTPServerDisconnected",
    )
    return reverse("manage-emails")


ADMIN_PAGES = [
    PageType("manage home", "admin", "Manage the service", lambda scene: reverse("manage-home")),
    PageType(
        "invite with errors", "admin", "Invite someone", lambda scene: reverse("manage-invite"),
        act=_invite_without_anything,
    ),
    PageType("emails not delivered", "admin", "Emails not delivered", _undelivered_emails),
    PageType("accept an invitation", None, "Set up your account", _accept),
    PageType("published rounds", None, "Published readiness results", _published("public-rounds")),
    PageType("published round", None, "2026-27 readiness: readiness results", _published("public-round")),
]


def _approved_round(scene: Scene) -> str:
    data.approved(scene.assessment, scene.people)
    return reverse("dashboard-publish", args=[scene.assessment.round_id])


def _framework_draft(scene: Scene) -> str:
    from assessments.services.manage_frameworks import framework_copy

    draft = framework_copy(framework=scene.assessment.round.framework, version_name="2027 revision",
                           change_note="Clearer wording")
    draft.steps.get(number=4).criteria.get(code="4.2").delete()
    return reverse("manage-framework-publish", args=[draft.pk])


ADMIN_PAGES += [
    PageType("publish confirmation", "admin", "Publish the approved results", _approved_round),
    PageType("framework publish with differences", "admin", "Check the changes and publish", _framework_draft),
    PageType("audit trail", "admin", "Audit trail", lambda scene: reverse("manage-audit")),
    PageType("add an authority", "admin", "Add an authority", lambda scene: reverse("manage-authority-new")),
    PageType(
        "add an authority to a round", "admin", "Add an authority to the round",
        lambda scene: reverse("manage-round-add-authority", args=[scene.assessment.round_id]),
    ),
]


def _authority_with_devolution(scene: Scene):
    """The scene's authority with two tier periods and a predecessor, as the loaded data gives."""
    import datetime

    from assessments.models import AuthorityLink, TierPeriod
    from tests.factories import AuthorityFactory

    authority = scene.assessment.authority
    TierPeriod.objects.get_or_create(authority=authority, starts_on=datetime.date(2024, 12, 16),
                                     defaults={"tier": "mayoral", "since": "2024-12-16", "source": "White Paper"})
    TierPeriod.objects.get_or_create(authority=authority, starts_on=datetime.date(2025, 4, 1),
                                     defaults={"tier": "established_mayoral", "since": "2025-04-01",
                                               "source": "gov.uk Integrated Settlement policy document, 11 June 2025"})
    earlier = AuthorityFactory(name="Association of Greater Manchester Authorities", short_name="AGMA")
    AuthorityLink.objects.get_or_create(predecessor=earlier, successor=authority, on=datetime.date(2011, 4, 1),
                                        defaults={"kind": "merger", "predecessor_name": earlier.name})
    return authority


def _tier_add_without_anything(page: Page) -> None:
    page.get_by_role("button", name="Add tier").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()


ADMIN_PAGES += [
    PageType(
        "authority with tiers and lineage", "admin", "Greater Manchester Combined Authority",
        lambda scene: reverse("manage-authority", args=[_authority_with_devolution(scene).pk]),
    ),
    PageType(
        "add a tier period with errors", "admin", "Add a strategic-authority tier",
        lambda scene: reverse("manage-authority-tier-add", args=[scene.assessment.authority_id]),
        act=_tier_add_without_anything,
    ),
    PageType(
        "remove a tier period", "admin", "Remove this tier period?",
        lambda scene: reverse("manage-authority-tier-remove", args=[
            scene.assessment.authority_id, _authority_with_devolution(scene).tier_periods.first().pk,
        ]),
    ),
    PageType(
        "change devolution facts", "admin", "Change devolution facts",
        lambda scene: reverse("manage-authority-devolution", args=[scene.assessment.authority_id]),
    ),
    PageType(
        "add a lineage link", "admin", "Add a body it came from",
        lambda scene: reverse("manage-authority-link-add", args=[scene.assessment.authority_id]),
    ),
    PageType(
        "remove a lineage link", "admin", "Remove this lineage link?",
        lambda scene: reverse("manage-authority-link-remove", args=[
            scene.assessment.authority_id, _authority_with_devolution(scene).predecessor_links.first().pk,
        ]),
    ),
]
