"""Two reviewers approving the same assessment at the same moment: exactly one succeeds.

Each thread has its own database connection and transaction; a barrier starts them
together. On PostgreSQL the loser waits on the row lock, then re-reads the state and is
refused with who approved it. SQLite has no row locks, but every transaction there takes
the database's write lock when it begins (settings: transaction_mode IMMEDIATE), so the
loser waits just the same and gets the same refusal.
"""
import threading

import pytest
from django.db import DatabaseError, connections

from assessments.models import AssessmentEvent, AssessmentState
from assessments.services.errors import ActionRefused
from assessments.services.review import assessment_approve
from tests.factories import (
    AssessmentFactory,
    AuthorityFactory,
    ReviewerFactory,
    RoundFactory,
    UserFactory,
    answer_every_criterion,
)


@pytest.mark.both_databases
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_approving_at_once_cannot_both_succeed():
    authority = AuthorityFactory()
    assessment = AssessmentFactory(round=RoundFactory(), authority=authority)
    answer_every_criterion(assessment)
    editor = UserFactory(editor_of=authority)
    AssessmentFactory._meta.model.objects.filter(pk=assessment.pk).update(
        state=AssessmentState.SUBMITTED, submitted_by=editor, submitted_at=assessment.created_at
    )
    reviewers = [ReviewerFactory(full_name="Ada Reviewer"), ReviewerFactory(full_name="Bob Reviewer")]
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def approve(reviewer):
        try:
            barrier.wait(timeout=10)
            assessment_approve(assessment=assessment, user=reviewer)
            outcomes[reviewer.full_name] = "approved"
        except ActionRefused as refusal:
            outcomes[reviewer.full_name] = refusal.message
        except DatabaseError as error:
            outcomes[reviewer.full_name] = f"database: {error}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(reviewer,)) for reviewer in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    winners = [name for name, outcome in outcomes.items() if outcome == "approved"]
    assert len(outcomes) == 2 and len(winners) == 1, outcomes
    loser_message = next(outcome for outcome in outcomes.values() if outcome != "approved")
    assert loser_message.startswith(f"This assessment was already approved by {winners[0]}")
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.APPROVED
    assert AssessmentEvent.objects.filter(assessment=assessment, to_state=AssessmentState.APPROVED).count() == 1
