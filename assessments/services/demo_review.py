"""The review side of the demo: decisions, events, moderations and comments (see services/demo.py).

Called once for each demo assessment when it is created, never again, so a re-run of
``seed_demo`` leaves reviews that people have made since alone. Times follow the
submission: in review a day later, decided a day or two after that.
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta

from simple_history.utils import bulk_create_with_history

from assessments.models import (
    Answer,
    Assessment,
    AssessmentEvent,
    AssessmentState,
    Moderation,
    ReviewComment,
    User,
)

S = AssessmentState
# What the demo does after submission, by the state the assessment ends in.
PATHS = {
    S.SUBMITTED: [],
    S.IN_REVIEW: [S.IN_REVIEW],
    S.RETURNED: [S.IN_REVIEW, S.RETURNED],
    S.APPROVED: [S.IN_REVIEW, S.APPROVED],
}
MESSAGES = {
    S.RETURNED: "Thank you. Before we can approve this, please add evidence for the criteria we have commented on, "
    "and check the moderated score: the papers you linked describe a plan that is not yet agreed.",
    S.APPROVED: "Approved. Moderated scores reflect the evidence provided.",
}


def demo_review_seed(
    *, assessment: Assessment, final_state: str, answers: list[Answer], submitter: User, reviewer: User,
    submitted_at: datetime, moderations: int,
) -> None:
    """Record the submission and what the reviewer did next, ending in ``final_state``."""
    rng = random.Random(f"review:{assessment.round_id}:{assessment.authority_id}")
    events = [(S.DRAFT, S.SUBMITTED, submitter, "", submitted_at)]
    when, state = submitted_at, S.SUBMITTED
    for step in PATHS[S(final_state)]:
        when = when + timedelta(days=1, hours=rng.randint(0, 5))
        events.append((state, step, reviewer, MESSAGES.get(step, ""), when))
        state = step
    for from_state, to_state, actor, message, at in events:
        event = AssessmentEvent.objects.create(
            assessment=assessment, actor=actor, from_state=from_state, to_state=to_state, message=message
        )
        AssessmentEvent.objects.filter(pk=event.pk).update(created_at=at)  # created_at is auto_now_add
    if final_state == S.SUBMITTED:
        return
    moderated_at = submitted_at + timedelta(days=1, hours=2)
    scored = [answer for answer in answers if answer.score is not None]
    chosen = rng.sample(scored, min(moderations, len(scored)))
    bulk_create_with_history(
        [
            Moderation(
                assessment=assessment, criterion=answer.criterion, score=answer.score - 1 if answer.score else 1,
                reason=f"The evidence for {answer.criterion.code} supports level {answer.score - 1 if answer.score else 1}, "
                "not the level claimed: the linked papers show the arrangement is agreed but not yet in place.",
                moderated_by=reviewer, moderated_at=moderated_at,
            )
            for answer in chosen
        ],
        Moderation, default_user=reviewer, default_date=moderated_at,
    )
    if final_state == S.RETURNED:
        for answer in chosen or scored[:1]:
            comment = ReviewComment.objects.create(
                assessment=assessment, criterion=answer.criterion, author=reviewer,
                body=f"Please link to the signed document for {answer.criterion.code}, not the consultation draft.",
            )
            ReviewComment.objects.filter(pk=comment.pk).update(created_at=moderated_at)
