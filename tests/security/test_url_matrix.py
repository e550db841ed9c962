"""The authorisation matrix: every URL pattern x every role x GET and POST.

Generated from the URL configuration: a URL added without an entry in ``EXPECTED`` fails
``test_every_url_has_an_entry``. Roles are relative to one authority ("own"): its editor
and viewer, an editor of another authority, central reviewer, lead reviewer and admin.
Objects of another authority answer 404 (never 403 with details). POSTs are empty forms:
the point is who gets through, not what a valid form does (other tests cover that).

To see the observed matrix after changing URLs: MATRIX_REPORT=1 pytest tests/security/test_url_matrix.py -s
"""
import datetime
import os

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from api.services import token_create
from assessments.models import AssessmentState, AuthorityLink, Invitation, ReviewComment, TierPeriod
from tests.factories import (
    AdminFactory,
    AssessmentFactory,
    AuthorityFactory,
    LeadReviewerFactory,
    ReviewerFactory,
    RoundFactory,
    UserFactory,
    answer_every_criterion,
    framework_with_criteria,
)

ROLES = ("anonymous", "other_official", "viewer", "editor", "reviewer", "lead_reviewer", "admin")


def _named_urls(patterns, namespace_skip=("admin", "api")):  # api: tests/security/test_api_matrix.py
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in namespace_skip:
                continue
            yield from _named_urls(pattern.url_patterns)
        elif pattern.name:
            yield pattern.name


ALL_URL_NAMES = sorted(set(_named_urls(get_resolver().url_patterns)))


@pytest.fixture
def world(db):
    framework = framework_with_criteria()
    own, other = AuthorityFactory(), AuthorityFactory()
    now = timezone.now()
    current = RoundFactory(framework=framework, name="Current")
    reviewing = RoundFactory(framework=framework, name="Second open round")
    published = RoundFactory(framework=framework, name="Published", closed=True)
    people = {
        "other_official": UserFactory(editor_of=other),
        "viewer": UserFactory(viewer_of=own),
        "editor": UserFactory(editor_of=own),
        "reviewer": ReviewerFactory(),
        "lead_reviewer": LeadReviewerFactory(),
        "admin": AdminFactory(),
    }
    draft = AssessmentFactory(round=current, authority=own)
    submitted = AssessmentFactory(
        round=reviewing, authority=own, state=AssessmentState.SUBMITTED, submitted_at=now, submitted_by=people["editor"]
    )
    answer_every_criterion(submitted)
    approved = AssessmentFactory(
        round=published, authority=own, state=AssessmentState.APPROVED, submitted_at=now, submitted_by=people["editor"]
    )
    answer_every_criterion(approved)
    published.published_at, published.published_by = now, people["admin"]
    published.save()
    invitation = Invitation.objects.create(
        email="new.person@example.gov.uk", token_hash="0" * 64, authority=own, access_level="viewer",
        invited_by=people["admin"], expires_at=now + timezone.timedelta(days=7),
    )
    criterion = framework.steps.get(number=1).criteria.first()
    access = people["viewer"].authority_access.get()
    # A returned assessment with a reviewer's note the authority's editor may reply to.
    returned = AssessmentFactory(
        round=RoundFactory(framework=framework, name="Third open round"), authority=own,
        state=AssessmentState.RETURNED, submitted_at=now, submitted_by=people["editor"],
    )
    note = ReviewComment.objects.create(assessment=returned, criterion=criterion, author=people["reviewer"], body="Why?")
    api_token = token_create(user=people["viewer"], name="Matrix", lifetime_days=30).token
    tier_period = TierPeriod.objects.create(authority=own, tier="mayoral", starts_on=datetime.date(2025, 1, 1), since="2025")
    link = AuthorityLink.objects.create(predecessor=own, successor=own, on=datetime.date(2021, 9, 1), kind="rename")
    return {
        "tier_period": tier_period, "link": link,
        "returned": returned, "note": note,
        "people": people, "own": own, "draft": draft, "submitted": submitted, "approved": approved,
        "current": current, "published": published, "framework": framework, "criterion": criterion,
        "invitation": invitation, "access": access, "api_token": api_token,
    }


def _evidence(w: dict) -> dict:
    """A document in the own authority's library, cited by a submission of the submitted assessment (made once)."""
    if "evidence_item" not in w:
        from tests.evidence.factories import cited_in_a_submission, document_item, latest

        item = document_item(authority=w["own"], user=w["people"]["editor"])
        cited_in_a_submission(assessment=w["submitted"], item=item, user=w["people"]["editor"])
        w["evidence_item"], w["evidence_version"] = item, latest(item)
    return w


def url_for(name: str, w: dict) -> str:
    """The URL of ``name`` pointing at the own authority's objects."""
    if name.startswith("evidence-"):
        _evidence(w)
    d, s, c = w["draft"].pk, w["submitted"].pk, w["criterion"]
    args = {
        "assessment-task-list": [d], "assessment-step": [d, 1], "assessment-check": [d], "assessment-submit": [d],
        "assessment-submitted": [w["approved"].pk], "assessment-results": [d], "assessment-copy-previous": [d],
        "review-assessment": [s], "review-criterion": [s, c.code], "review-moderate": [s, c.code],
        "review-moderation-remove": [s, c.code], "review-comment": [s], "review-start": [s], "review-return": [s],
        "review-approve": [s], "review-activity": [s], "review-activity-csv": [s],
        "dashboard-round": [w["current"].pk], "dashboard-step": [w["current"].pk, 1],
        "dashboard-export-csv": [w["current"].pk], "dashboard-export-steps-csv": [w["current"].pk],
        "dashboard-export-xlsx": [w["current"].pk], "dashboard-publish": [w["published"].pk],
        "dashboard-unpublish": [w["published"].pk], "dashboard-publish-preview": [w["published"].pk], "dashboard-authority": [w["own"].pk],
        "dashboard-print": [w["approved"].pk],
        "manage-authority": [w["own"].pk], "manage-authority-edit": [w["own"].pk],
        "manage-authority-councils": [w["own"].pk, "current"], "manage-authority-abolish": [w["own"].pk],
        "manage-authority-reinstate": [w["own"].pk],
        "manage-person": [w["people"]["viewer"].pk], "manage-person-role": [w["people"]["viewer"].pk],
        "manage-person-access": [w["people"]["viewer"].pk],
        "manage-person-access-remove": [w["people"]["viewer"].pk, w["access"].pk],
        "manage-person-active": [w["people"]["viewer"].pk], "manage-person-password-reset": [w["people"]["viewer"].pk],
        "manage-invitation-resend": [w["invitation"].pk], "manage-invitation-revoke": [w["invitation"].pk],
        "manage-round": [w["current"].pk], "manage-round-open": [w["current"].pk], "manage-round-close": [w["current"].pk],
        "manage-assessment-deadline": [w["current"].pk, d],
        "manage-authorities-import-template": ["authorities"],
        "manage-round-coverage": [w["current"].pk], "manage-round-add-authority": [w["current"].pk],
        "manage-framework": [w["framework"].pk], "manage-framework-export": [w["framework"].pk],
        "manage-framework-copy": [w["framework"].pk], "manage-framework-publish": [w["framework"].pk],
        "manage-framework-step": [w["framework"].pk, 1], "manage-framework-criterion-new": [w["framework"].pk, 1],
        "manage-framework-criterion": [w["framework"].pk, c.pk],
        "manage-framework-criterion-remove": [w["framework"].pk, c.pk],
        "accept-invitation": ["not-a-real-token"], "password-reset-confirm": ["MQ", "set-password"],
        "review-moderation-confirm": [s, c.code], "review-assign-self": [s],
        "assessment-note-reply": [w["returned"].pk, w["note"].pk],
        "public-round": [w["published"].pk], "public-round-csv": [w["published"].pk],
        "manage-person-second-factor-reset": [w["people"]["viewer"].pk],
        "public-round-statistics": [w["published"].pk], "manage-statistics-confirm": [1],
        "manage-statistics-import": ["00000000-0000-4000-8000-000000000000"],
        "manage-email-retry": [1],
        "download-prepare-round-xlsx": [w["current"].pk],
        "download-status": ["00000000-0000-4000-8000-000000000000"],
        "download-file": ["00000000-0000-4000-8000-000000000000"],
        "account-api-token-revoke": [w["api_token"].pk],
        "manage-authority-devolution": [w["own"].pk], "manage-authority-tier-add": [w["own"].pk],
        "manage-authority-tier-remove": [w["own"].pk, w["tier_period"].pk],
        "manage-authority-link-add": [w["own"].pk], "manage-authority-link-remove": [w["own"].pk, w["link"].pk],
        "evidence-library": [w["own"].pk], "evidence-add": [w["own"].pk],
        **({
            "evidence-item": [w["evidence_item"].pk], "evidence-edit": [w["evidence_item"].pk],
            "evidence-replace": [w["evidence_item"].pk], "evidence-remove": [w["evidence_item"].pk],
            "evidence-download": [w["evidence_version"].pk],
        } if "evidence_item" in w else {}),
    }.get(name, [])
    return reverse(name, args=args)


def observe(name: str, role: str, method: str, w: dict) -> int:
    client = Client()
    if role != "anonymous":
        client.force_login(w["people"][role])
    url = url_for(name, w)
    response = client.get(url) if method == "GET" else client.post(url, {})
    return response.status_code


# Observed statuses in ROLES order, reviewed by hand: "GET" and "POST" per URL name.
EXPECTED: dict[str, dict[str, str]] = {
    "accept-invitation-form": {"GET": "404 404 404 404 404 404 404", "POST": "404 404 404 404 404 404 404"},
    "accept-invitation": {"GET": "404 404 404 404 404 404 404", "POST": "404 404 404 404 404 404 404"},
    "account-api-token-revoke": {"GET": "302 404 200 404 404 404 404", "POST": "302 404 302 404 404 404 404"},
    "account-api-tokens": {"GET": "302 200 200 200 200 200 200", "POST": "302 400 400 400 400 400 400"},
    "assessment-check": {"GET": "302 404 200 200 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "assessment-note-reply": {"GET": "302 404 403 200 403 403 403", "POST": "302 404 403 400 403 403 403"},
    "assessment-copy-previous": {"GET": "302 405 405 405 405 405 405", "POST": "302 404 403 302 403 403 403"},
    "assessment-results": {"GET": "302 404 200 200 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "assessment-step": {"GET": "302 404 403 200 403 403 403", "POST": "302 404 403 400 403 403 403"},
    "assessment-submit": {"GET": "302 405 405 405 405 405 405", "POST": "302 404 403 400 403 403 403"},
    "assessment-submitted": {"GET": "302 404 200 200 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "assessment-task-list": {"GET": "302 404 200 200 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "dashboard-authority": {"GET": "302 404 200 200 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "dashboard-compare": {"GET": "302 403 403 403 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "dashboard-export-csv": {"GET": "302 403 403 403 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "dashboard-export-steps-csv": {"GET": "302 403 403 403 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "dashboard-export-xlsx": {"GET": "302 403 403 403 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "dashboard-overview": {"GET": "302 200 200 200 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "dashboard-print": {"GET": "302 404 200 200 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "dashboard-publish": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 400"},
    "dashboard-publish-preview": {"GET": "302 403 403 403 403 403 200", "POST": "302 405 405 405 405 405 405"},
    "dashboard-round": {"GET": "302 200 200 200 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "dashboard-step": {"GET": "302 403 403 403 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "dashboard-unpublish": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 400"},
    "download-file": {"GET": "302 404 404 404 404 404 404", "POST": "302 405 405 405 405 405 405"},
    "download-prepare-round-xlsx": {"GET": "302 405 405 405 405 405 405", "POST": "302 403 403 403 302 302 302"},
    "download-status": {"GET": "302 404 404 404 404 404 404", "POST": "302 405 405 405 405 405 405"},
    "healthz": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
    "login": {"GET": "200 302 302 302 302 302 302", "POST": "200 302 302 302 302 302 302"},
    "logout": {"GET": "405 405 405 405 405 405 405", "POST": "302 302 302 302 302 302 302"},
    "manage-assessment-deadline": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 200"},
    "manage-audit": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 405"},
    "manage-audit-csv": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 405"},
    "manage-authorities": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 405"},
    "manage-authorities-import": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 200"},
    "manage-authorities-import-confirm": {"GET": "302 403 403 403 403 403 405", "POST": "302 403 403 403 403 403 302"},
    "manage-authority-new": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 200"},
    "manage-authorities-import-template": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 405"},
    "manage-authority": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 405"},
    "manage-authority-abolish": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 200"},
    "manage-authority-councils": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 200"},
    "manage-authority-edit": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 200"},
    "manage-authority-reinstate": {"GET": "302 403 403 403 403 403 405", "POST": "302 403 403 403 403 403 302"},
    "manage-framework": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 405"},
    "manage-framework-copy": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 200"},
    "manage-framework-criterion": {"GET": "302 403 403 403 403 403 403", "POST": "302 403 403 403 403 403 403"},
    "manage-framework-criterion-new": {"GET": "302 403 403 403 403 403 403", "POST": "302 403 403 403 403 403 403"},
    "manage-framework-criterion-remove": {"GET": "302 403 403 403 403 403 403", "POST": "302 403 403 403 403 403 403"},
    "manage-framework-export": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 405"},
    "manage-framework-import": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 200"},
    "manage-framework-publish": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 400"},
    "manage-framework-step": {"GET": "302 403 403 403 403 403 403", "POST": "302 403 403 403 403 403 403"},
    "manage-email-retry": {"GET": "302 403 403 403 403 403 405", "POST": "302 403 403 403 403 403 302"},
    "manage-emails": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 405"},
    "manage-emails-retry-all": {"GET": "302 403 403 403 403 403 405", "POST": "302 403 403 403 403 403 302"},
    "manage-frameworks": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 405"},
    "manage-home": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 405"},
    "manage-invitation-resend": {"GET": "302 403 403 403 403 403 405", "POST": "302 403 403 403 403 403 302"},
    "manage-invitation-revoke": {"GET": "302 403 403 403 403 403 405", "POST": "302 403 403 403 403 403 302"},
    "manage-invitations": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 405"},
    "manage-invite": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 200"},
    "manage-people": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 405"},
    "manage-person": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 405"},
    "manage-person-access": {"GET": "302 403 403 403 403 403 405", "POST": "302 403 403 403 403 403 400"},
    "manage-person-access-remove": {"GET": "302 403 403 403 403 403 405", "POST": "302 403 403 403 403 403 302"},
    "manage-person-active": {"GET": "302 403 403 403 403 403 405", "POST": "302 403 403 403 403 403 302"},
    "manage-person-password-reset": {"GET": "302 403 403 403 403 403 405", "POST": "302 403 403 403 403 403 302"},
    "manage-person-role": {"GET": "302 403 403 403 403 403 405", "POST": "302 403 403 403 403 403 302"},
    "manage-round": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 405"},
    "manage-round-add-authority": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 200"},
    "manage-round-close": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 400"},
    "manage-round-coverage": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 200"},
    "manage-round-new": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 200"},
    "manage-round-open": {"GET": "302 403 403 403 403 403 405", "POST": "302 403 403 403 403 403 302"},
    "manage-rounds": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 405"},
    "manage-statistics": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 405"},
    "manage-statistics-confirm": {"GET": "302 403 403 403 403 403 405", "POST": "302 403 403 403 403 403 302"},
    "manage-statistics-import": {"GET": "302 403 403 403 403 403 404", "POST": "302 403 403 403 403 403 405"},
    "manage-statistics-upload": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 200"},
    "password-reset": {"GET": "200 200 200 200 200 200 200", "POST": "200 200 200 200 200 200 200"},
    "password-reset-complete": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
    "password-reset-confirm": {"GET": "200 200 200 200 200 200 200", "POST": "200 200 200 200 200 200 200"},
    "password-reset-sent": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
    "public-round": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
    "public-round-csv": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
    "public-round-statistics": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
    "public-rounds": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
    "review-activity": {"GET": "302 404 200 200 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "review-activity-csv": {"GET": "302 404 200 200 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "review-approve": {"GET": "302 404 403 403 200 200 200", "POST": "302 404 403 403 400 400 400"},
    "review-assessment": {"GET": "302 404 403 403 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "review-assign-self": {"GET": "302 405 405 405 405 405 405", "POST": "302 404 403 403 302 302 302"},
    "review-assign": {"GET": "302 405 405 405 405 405 405", "POST": "302 403 403 403 403 302 302"},
    "review-comment": {"GET": "302 405 405 405 405 405 405", "POST": "302 404 403 403 400 400 400"},
    "review-criterion": {"GET": "302 404 403 403 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "review-moderate": {"GET": "302 405 405 405 405 405 405", "POST": "302 404 403 403 400 400 400"},
    "review-moderation-confirm": {"GET": "302 405 405 405 405 405 405", "POST": "302 404 403 403 302 302 302"},
    "review-moderation-remove": {"GET": "302 404 403 403 404 404 404", "POST": "302 404 403 403 404 404 404"},
    "review-queue": {"GET": "302 403 403 403 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "review-return": {"GET": "302 404 403 403 200 200 200", "POST": "302 404 403 403 400 400 400"},
    "review-start": {"GET": "302 405 405 405 405 405 405", "POST": "302 404 403 403 302 302 302"},
    "session-keep-alive": {"GET": "405 405 405 405 405 405 405", "POST": "401 200 200 200 200 200 200"},
    "statistics-indicators": {"GET": "302 403 403 403 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "manage-person-second-factor-reset": {"GET": "302 403 403 403 403 403 405", "POST": "302 403 403 403 403 403 302"},
    "second-factor-account": {"GET": "302 200 200 200 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "second-factor-recovery-codes": {"GET": "302 302 302 302 302 302 302", "POST": "302 302 302 302 302 302 302"},
    "second-factor-setup": {"GET": "302 200 200 200 200 200 200", "POST": "302 400 400 400 400 400 400"},
    "second-factor-turn-off": {"GET": "302 405 405 405 405 405 405", "POST": "302 302 302 302 302 302 302"},
    "second-factor-verify": {"GET": "302 302 302 302 302 302 302", "POST": "302 302 302 302 302 302 302"},
    # Signed out: the GOV.UK start page; signed in: your assessments.
    "start": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
    # Service pages and feedback (issue 19): open to everyone; reading feedback is for admins.
    "accessibility-statement": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
    "contact": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
    "cookies": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
    "feedback": {"GET": "200 200 200 200 200 200 200", "POST": "400 400 400 400 400 400 400"},
    "feedback-sent": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
    "help": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
    "help-framework": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
    "help-framework-csv": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
    "manage-feedback": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 405"},
    "manage-feedback-csv": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 405"},
    "privacy-notice": {"GET": "200 200 200 200 200 200 200", "POST": "405 405 405 405 405 405 405"},
    "manage-authorities-export": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 405"},
    "manage-lineage-export": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 405"},
    "manage-authority-devolution": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 200"},
    "manage-authority-tier-add": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 200"},
    "manage-authority-tier-remove": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 302"},
    "manage-authority-link-add": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 200"},
    "manage-authority-link-remove": {"GET": "302 403 403 403 403 403 200", "POST": "302 403 403 403 403 403 302"},
    # Evidence library (issue 18): the authority's own officials read it, its editors change it; central
    # staff never see the library but download a document a submission cites; everyone else 404.
    "evidence-add": {"GET": "302 404 403 200 404 404 404", "POST": "302 404 403 400 404 404 404"},
    "evidence-download": {"GET": "302 404 200 200 200 200 200", "POST": "302 405 405 405 405 405 405"},
    "evidence-edit": {"GET": "302 404 403 200 404 404 404", "POST": "302 404 403 400 404 404 404"},
    "evidence-item": {"GET": "302 404 200 200 404 404 404", "POST": "302 405 405 405 405 405 405"},
    "evidence-library": {"GET": "302 404 200 200 404 404 404", "POST": "302 405 405 405 405 405 405"},
    "evidence-remove": {"GET": "302 404 403 200 404 404 404", "POST": "302 404 403 400 404 404 404"},
    "evidence-replace": {"GET": "302 404 403 200 404 404 404", "POST": "302 404 403 400 404 404 404"},
}


def test_every_url_has_an_entry():
    missing = [name for name in ALL_URL_NAMES if name not in EXPECTED]
    assert not missing, f"Add these URLs to EXPECTED in {__file__}: {missing}"


@pytest.mark.parametrize("name", ALL_URL_NAMES)
def test_url_matrix(world, name):
    observed = {m: " ".join(str(observe(name, role, m, world)) for role in ROLES) for m in ("GET", "POST")}
    if os.environ.get("MATRIX_REPORT"):
        print(f'    "{name}": {{"GET": "{observed["GET"]}", "POST": "{observed["POST"]}"}},')
        return
    assert observed == EXPECTED.get(name), f"{name}: roles {ROLES}"
