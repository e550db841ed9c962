"""Data the review, dashboard and administration pages need, on top of the official's draft
in ``Scene``: the answers from factories, every later move through the services, as the
pages themselves make it."""
import datetime
import re

from django.core import mail
from django.urls import reverse

from assessments.models import Criterion, Round, RoundState
from assessments.services.manage_invitations import InvitationRole, invitation_create
from assessments.services.moderation import moderation_set
from assessments.services.publishing import publish_preview, round_publish
from assessments.services.review import (
    assessment_approve,
    assessment_return,
    review_comment_add,
)
from assessments.services.submission import assessment_submit
from tests.factories import AnswerFactory, AssessmentFactory, RoundFactory

from .answers import PLAN

MODERATION_REASON = "The roadmap is agreed locally but not yet with government."
RETURN_MESSAGE = "Please add the signed agreement for step 1 and check step 4."


def criteria_by_code(assessment) -> dict:
    return {c.code: c for c in Criterion.objects.filter(step__framework=assessment.round.framework)}


def answer_as_planned(assessment, editor, count: int | None = None) -> None:
    """The plan's answers for the first ``count`` criteria (all by default), by ``editor``."""
    criteria = criteria_by_code(assessment)
    for planned in PLAN[:count]:
        level = planned.level if isinstance(planned.level, int) else None
        AnswerFactory(
            assessment=assessment, criterion=criteria[planned.code], score=level,
            not_applicable=level is None, justification=planned.justification,
            evidence_url=planned.evidence, answered_by=editor,
        )


def submitted(assessment, editor):
    answer_as_planned(assessment, editor)
    return assessment_submit(assessment=assessment, user=editor)


def moderated(assessment, reviewer, code: str = "1.1", level: int = 1) -> None:
    moderation_set(
        assessment=assessment, criterion=criteria_by_code(assessment)[code], user=reviewer,
        score=level, reason=MODERATION_REASON,
    )


def commented(assessment, reviewer) -> None:
    review_comment_add(assessment=assessment, user=reviewer, body="The evidence links are helpful, thank you.")


def returned(assessment, reviewer) -> None:
    commented(assessment, reviewer)
    moderated(assessment, reviewer)
    assessment_return(assessment=assessment, user=reviewer, message=RETURN_MESSAGE)


def approved(assessment, people) -> None:
    submitted(assessment, people["editor"])
    moderated(assessment, people["reviewer"])
    assessment_approve(assessment=assessment, user=people["reviewer"])


def published(assessment, people) -> None:
    approved(assessment, people)
    plan = publish_preview(round_=assessment.round).plan
    round_publish(round=assessment.round, user=people["admin"], confirmed_plan=plan)


def earlier_round(assessment, people):
    """A closed round before the assessment's, on the same framework, in which the same
    authority submitted, so two rounds can be compared. Submitted while it was open,
    then moved back a year and closed, as time would have done."""
    before = RoundFactory(name="2025-26 readiness", framework=assessment.round.framework)
    submitted(AssessmentFactory(authority=assessment.authority, round=before), people["editor"])
    year = datetime.timedelta(days=365)
    Round.objects.filter(pk=before.pk).update(
        state=RoundState.CLOSED, opens_on=before.opens_on - year, closes_on=before.closes_on - year
    )
    return before


def invitation_link(*, email: str, authority, admin, base_url: str = "http://testserver") -> str:
    """Invite ``email`` as an editor of ``authority``; returns the path of the emailed link."""
    invitation_create(
        email=email, full_name="Priya Shah", invited_by=admin, base_url=base_url,
        role=InvitationRole(authority=authority, access_level="editor"),
    )
    return emailed_link(email).removeprefix(base_url)


def emailed_link(email: str) -> str:
    """The invitation link in the last email sent to ``email`` (the locmem outbox)."""
    message = [m for m in mail.outbox if email in m.to][-1]
    path = reverse("accept-invitation", args=["TOKEN"]).replace("TOKEN", r"[\w-]+")
    match = re.search(r"https?://[^/\s]+" + path, message.body)
    assert match, f"No invitation link in the email:\n{message.body}"
    return match.group(0)
