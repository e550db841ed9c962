"""Fixtures for the central review tests: a complete assessment in any state."""
import pytest
from django.utils import timezone

from assessments.models import Assessment, AssessmentState
from tests.factories import answer_every_criterion


def put_in_state(assessment: Assessment, state: str, *, by=None) -> Assessment:
    """Set the state directly (test set-up only), with who/when submitted for every state but draft."""
    assessment.state = state
    if state != AssessmentState.DRAFT:
        assessment.submitted_at = assessment.submitted_at or timezone.now()
        assessment.submitted_by = assessment.submitted_by or by
    assessment.save()
    return assessment


@pytest.fixture
def complete(assessment):
    """The authority's assessment with every criterion answered at level 2, still a draft."""
    answer_every_criterion(assessment)
    return assessment


@pytest.fixture
def submitted(complete, people):
    return put_in_state(complete, AssessmentState.SUBMITTED, by=people["editor"])


@pytest.fixture
def in_state(complete, people):
    def _in_state(state: str) -> Assessment:
        return put_in_state(complete, state, by=people["editor"])

    return _in_state
