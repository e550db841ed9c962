"""Fixtures for the central review tests: a complete assessment in any state."""
import pytest

from assessments.models import Assessment, AssessmentState
from tests.builders import set_state
from tests.factories import answer_every_criterion


@pytest.fixture
def complete(assessment):
    """The authority's assessment with every criterion answered at level 2, still a draft."""
    answer_every_criterion(assessment)
    return assessment


@pytest.fixture
def submitted(complete, people):
    return set_state(complete, AssessmentState.SUBMITTED, by=people["editor"])


@pytest.fixture
def in_state(complete, people):
    def _in_state(state: str) -> Assessment:
        return set_state(complete, state, by=people["editor"])

    return _in_state
