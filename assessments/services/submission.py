"""Submitting an assessment for central review, keeping what was sent."""
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from assessments.models import Answer, Assessment, AssessmentState, Criterion, Submission, User
from assessments.models.review import NOTE_MAX_LENGTH
from assessments.models.rounds import answered_q
from evidence.services import submission_cite_evidence

from .answers import assessment_lock_for_edit
from .errors import ActionRefused
from .notifications import notify_submission_received, notify_submitted
from .state import assessment_move

# The service standard the confirmation page and email promise: a first review within this many working days.
REVIEW_WORKING_DAYS = 10


def review_due_by(submitted_on: date) -> date:
    """``REVIEW_WORKING_DAYS`` working days (Monday to Friday) after the day of submission."""
    day, left = submitted_on, REVIEW_WORKING_DAYS
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def unconfirmed_copies(*, assessment: Assessment) -> list[Criterion]:
    """Criteria whose answer was copied from the previous round and not yet confirmed or changed."""
    return list(
        Criterion.objects.filter(answers__assessment=assessment, answers__copied_from_previous=True).order_by(
            "step__number", "position"
        )
    )


def unanswered_criteria(*, assessment: Assessment) -> list[Criterion]:
    """Criteria without a complete answer (answers saved half-finished have no level yet)."""
    answered = Answer.objects.filter(assessment=assessment).filter(answered_q())
    return list(
        Criterion.objects.filter(step__framework_id=assessment.round.framework_id)
        .exclude(pk__in=answered.values("criterion_id"))
        .order_by("step__number", "position")
    )


def answers_snapshot(*, assessment: Assessment) -> dict[str, dict]:
    """The authority's answers as sent: criterion code -> level ("na" for N/A), justification, evidence.

    "evidence" is filled in by ``submission_cite_evidence`` once the submission exists: the
    versions it cites (item, version, number, title), fixed from then on.
    """
    snapshot = {}
    for answer in Answer.objects.filter(assessment=assessment).select_related("criterion"):
        if answer.is_answered:
            snapshot[answer.criterion.code] = {
                "level": answer.shown_level,
                "justification": answer.justification,
                "evidence": [],
            }
    return snapshot


@transaction.atomic
def assessment_submit(*, assessment: Assessment, user: User, note_to_reviewer: str = "") -> Assessment:
    """Send a complete assessment for review; it becomes read-only to the authority.

    Refused while any criterion lacks a complete answer or a copied answer is unconfirmed.
    The answers are kept as sent (``Submission``), so a resubmission can be compared with
    the one before; ``note_to_reviewer`` travels with it. The submitter is emailed a
    confirmation with the submission's reference.
    """
    note_to_reviewer = note_to_reviewer.strip()
    if len(note_to_reviewer) > NOTE_MAX_LENGTH:
        raise ActionRefused(f"The note to the reviewer must be {NOTE_MAX_LENGTH:,} characters or fewer.")
    locked = assessment_lock_for_edit(assessment=assessment, user=user)
    missing = unanswered_criteria(assessment=locked)
    copied = unconfirmed_copies(assessment=locked)
    if missing or copied:
        raise ActionRefused(
            "You cannot submit until every criterion is answered and every copied answer is confirmed.",
            details=[f"{c.code} {c.title}: not answered" for c in missing]
            + [f"{c.code} {c.title}: copied from the previous round, not confirmed" for c in copied],
        )
    resubmitted = locked.state == AssessmentState.RETURNED
    now = timezone.now()
    # The transition table decides (draft or returned -> submitted, editors only) and records the event.
    assessment_move(
        locked=locked, user=user, to_state=AssessmentState.SUBMITTED, submitted_at=now, submitted_by=user,
        message=note_to_reviewer,
    )
    number = (Submission.objects.filter(assessment=locked).aggregate(last=Max("number"))["last"] or 0) + 1
    snapshot = answers_snapshot(assessment=locked)
    submission = Submission.objects.create(
        assessment=locked, number=number, submitted_by=user, submitted_at=now,
        note_to_reviewer=note_to_reviewer, answers=snapshot,
    )
    # The versions of the evidence cited are fixed now: replacing an item later changes nothing here.
    for code, cited in submission_cite_evidence(submission=submission).items():
        if code in snapshot:
            snapshot[code]["evidence"] = cited
    Submission.objects.filter(pk=submission.pk).update(answers=snapshot)
    notify_submitted(assessment=locked, by=user, resubmitted=resubmitted)
    notify_submission_received(
        submission=submission, review_due=review_due_by(timezone.localdate(now)), resubmitted=resubmitted
    )
    return locked
