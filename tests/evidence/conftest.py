import pytest

from tests.factories import answer_every_criterion


@pytest.fixture
def answered(assessment):
    """The open assessment with every criterion answered at level 2 (ready to submit)."""
    answer_every_criterion(assessment)
    return assessment
