"""The reviewer's page types (journey 2), with the data each needs."""
import re

from django.urls import reverse
from playwright.sync_api import Page, expect

from . import data
from .page_types import PageType, Scene


def _submitted(name: str, *args):
    def arrange(scene: Scene) -> str:
        data.submitted(scene.assessment, scene.people["editor"])
        return reverse(name, args=[scene.assessment.pk, *args])

    return arrange


def _queue(scene: Scene) -> str:
    data.submitted(scene.assessment, scene.people["editor"])
    return reverse("review-queue") + "?state=submitted&q=Manchester"


def _under_review(scene: Scene) -> str:
    """Moderated and commented on, so the page shows both kinds of note."""
    data.submitted(scene.assessment, scene.people["editor"])
    data.moderated(scene.assessment, scene.people["reviewer"])
    data.commented(scene.assessment, scene.people["reviewer"])
    return reverse("review-assessment", args=[scene.assessment.pk])


def _activity(scene: Scene) -> str:
    """Submitted, moderated, commented on and returned: every kind of entry."""
    data.submitted(scene.assessment, scene.people["editor"])
    data.returned(scene.assessment, scene.people["reviewer"])
    return reverse("review-activity", args=[scene.assessment.pk])


def _resubmitted(scene: Scene) -> str:
    """Returned with a moderation and a note, answered again and resubmitted: what changed, a stale moderation."""
    from django.utils import timezone

    from assessments.models import ReviewComment
    from assessments.services.replies import comment_reply_add
    from assessments.services.review import review_comment_add
    from assessments.services.submission import assessment_submit

    assessment, editor, reviewer = scene.assessment, scene.people["editor"], scene.people["reviewer"]
    data.submitted(assessment, editor)
    data.moderated(assessment, reviewer)
    criterion = data.criteria_by_code(assessment)["1.2"]
    review_comment_add(assessment=assessment, user=reviewer, body="Please link the signed deal.", criterion=criterion)
    data.returned(assessment, reviewer)
    comment_reply_add(comment=ReviewComment.objects.get(assessment=assessment, criterion=criterion), user=editor,
                      body="The deal is now linked.")
    for code, level in (("1.1", 2), ("1.2", 1)):
        answer = assessment.answers.get(criterion__code=code)
        answer.evidence_links.all().delete()  # lowered below 3: the evidence goes (the diff shows it removed)
        answer.score, answer.evidence_count, answer.answered_at = level, 0, timezone.now()
        answer.save()
    assessment_submit(assessment=assessment, user=editor, note_to_reviewer="We lowered 1.1 and 1.2.")
    return reverse("review-assessment", args=[assessment.pk])


def _reply(scene: Scene) -> str:
    from assessments.services.review import review_comment_add

    assessment, reviewer = scene.assessment, scene.people["reviewer"]
    data.submitted(assessment, scene.people["editor"])
    comment = review_comment_add(
        assessment=assessment, user=reviewer, body="Please link the signed deal.",
        criterion=data.criteria_by_code(assessment)["1.2"],
    )
    data.returned(assessment, reviewer)
    return reverse("assessment-note-reply", args=[assessment.pk, comment.pk])


def _moderate_without_level_or_reason(page: Page) -> None:
    page.get_by_role("button", name="Save moderated score").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()


def _return_without_message(page: Page) -> None:
    page.get_by_role("button", name="Return for changes").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()


REVIEW_PAGES = [
    PageType("review queue, filtered", "reviewer", re.compile(r"^Review queue"), _queue),
    PageType("review page", "reviewer", "Review", _under_review),
    PageType(
        "moderation with errors", "reviewer", re.compile(r"^1\.1 "), _submitted("review-criterion", "1.1"),
        act=_moderate_without_level_or_reason,
    ),
    PageType(
        "return for changes with errors", "reviewer", "Return for changes", _submitted("review-return"),
        act=_return_without_message,
    ),
    PageType("activity trail", "reviewer", "Activity", _activity),
    PageType("review page after resubmission", "reviewer", "Review", _resubmitted),
    PageType("reply to a reviewer's note", "editor", "Reply to the reviewer about 1.2", _reply),
]
