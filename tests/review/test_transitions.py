"""The transition table: every allowed move works, every other (from, to) pair is refused."""
import itertools

import pytest

from assessments.models import AssessmentEvent, AssessmentState
from assessments.services.errors import ActionRefused
from assessments.services.review import (
    assessment_approve,
    assessment_return,
    assessment_start_review,
)
from assessments.services.submission import assessment_submit
from assessments.transitions import EDITOR, TRANSITIONS, transition_refusal

pytestmark = pytest.mark.django_db

STATES = list(AssessmentState)
ALLOWED = sorted(TRANSITIONS)
REFUSED = sorted(pair for pair in itertools.product(STATES, STATES) if pair not in TRANSITIONS and pair[0] != pair[1])
ROLE_OF = {EDITOR: "editor", "reviewer": "reviewer", "lead_reviewer": "lead_reviewer", "admin": "admin"}


def move(assessment, to_state, user, message="Please add evidence for 4.2."):
    """Ask the service that makes this kind of move."""
    if to_state == AssessmentState.SUBMITTED:
        return assessment_submit(assessment=assessment, user=user)
    if to_state == AssessmentState.IN_REVIEW:
        return assessment_start_review(assessment=assessment, user=user)
    if to_state == AssessmentState.RETURNED:
        return assessment_return(assessment=assessment, user=user, message=message)
    if to_state == AssessmentState.APPROVED:
        return assessment_approve(assessment=assessment, user=user)
    # No service moves anything back to draft: the table has no such move.
    raise ActionRefused(transition_refusal(from_state=assessment.state, to_state=to_state, roles={EDITOR, "admin"}))


@pytest.mark.parametrize("from_state, to_state", ALLOWED)
def test_every_allowed_transition_works_for_each_allowed_role_and_is_recorded(in_state, people, from_state, to_state):
    for role in sorted(TRANSITIONS[(from_state, to_state)].roles):
        assessment = in_state(from_state)
        AssessmentEvent.objects.all().delete()
        user = people[ROLE_OF[role]]
        move(assessment, to_state, user)
        assessment.refresh_from_db()
        assert assessment.state == to_state
        event = AssessmentEvent.objects.get()
        assert (event.from_state, event.to_state, event.actor) == (from_state, to_state, user)


@pytest.mark.parametrize("from_state, to_state", ALLOWED)
def test_allowed_transition_is_refused_for_roles_not_in_the_table(in_state, people, from_state, to_state):
    allowed = TRANSITIONS[(from_state, to_state)].roles
    for role in ("editor", "viewer", "reviewer", "lead_reviewer", "admin", "other_official"):
        if role in allowed:
            continue
        assessment = in_state(from_state)
        with pytest.raises(ActionRefused):
            move(assessment, to_state, people[role])
        assessment.refresh_from_db()
        assert assessment.state == from_state
    assert not AssessmentEvent.objects.exists()


@pytest.mark.parametrize("from_state, to_state", REFUSED)
def test_every_other_pair_is_refused_and_changes_nothing(in_state, people, from_state, to_state):
    assessment = in_state(from_state)
    user = people["editor"] if to_state == AssessmentState.SUBMITTED else people["admin"]
    with pytest.raises(ActionRefused) as refusal:
        move(assessment, to_state, user)
    assert refusal.value.message
    assessment.refresh_from_db()
    assert assessment.state == from_state
    assert not AssessmentEvent.objects.exists()


def test_the_table_check_is_pure_and_explains_itself():
    assert transition_refusal(from_state="draft", to_state="approved", roles={"admin"}) == (
        "You cannot approve an assessment that is draft."
    )
    assert transition_refusal(from_state="submitted", to_state="approved", roles={EDITOR}) == (
        "Only central reviewers can approve this assessment."
    )
    assert "Enter a message" in transition_refusal(from_state="in_review", to_state="returned", roles={"reviewer"})
    assert transition_refusal(from_state="in_review", to_state="returned", roles={"reviewer"}, message="Fix 1.1") is None


def test_return_needs_a_message(submitted, people):
    with pytest.raises(ActionRefused, match="Enter a message"):
        assessment_return(assessment=submitted, user=people["reviewer"], message="   ")
    submitted.refresh_from_db()
    assert submitted.state == AssessmentState.SUBMITTED


def test_approving_twice_names_who_approved_first(submitted, people):
    assessment_approve(assessment=submitted, user=people["reviewer"])
    with pytest.raises(ActionRefused, match=r"already approved by .*Test Person"):
        assessment_approve(assessment=submitted, user=people["lead_reviewer"])
    assert AssessmentEvent.objects.filter(to_state=AssessmentState.APPROVED).count() == 1
