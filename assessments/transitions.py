"""The one table of an assessment's states and who may move it from one to another.

Pure data and a pure check: services look a move up here before they change anything,
and the tests generate every (from, to) pair from this table, so adding a row here is
the only way to allow a new move. Roles are "editor" (an editor of the assessment's own
authority) and the central roles (``CentralRole`` values, in the sets of ``assessments.roles``).
"""
from __future__ import annotations

from dataclasses import dataclass

from assessments.models.rounds import AssessmentState
from assessments.roles import REVIEW_ROLES

EDITOR = "editor"
AUTHORITY_EDITORS = frozenset({EDITOR})

S = AssessmentState


@dataclass(frozen=True)
class Transition:
    roles: frozenset[str]
    verb: str  # what the move is called, in "You cannot <verb> ..." and "already <past> by"
    past: str
    needs_message: bool = False


TRANSITIONS: dict[tuple[str, str], Transition] = {
    (S.DRAFT, S.SUBMITTED): Transition(AUTHORITY_EDITORS, "submit", "submitted"),
    (S.RETURNED, S.SUBMITTED): Transition(AUTHORITY_EDITORS, "resubmit", "resubmitted"),
    (S.SUBMITTED, S.IN_REVIEW): Transition(REVIEW_ROLES, "start reviewing", "taken into review"),
    (S.SUBMITTED, S.RETURNED): Transition(REVIEW_ROLES, "return", "returned", needs_message=True),
    (S.IN_REVIEW, S.RETURNED): Transition(REVIEW_ROLES, "return", "returned", needs_message=True),
    (S.SUBMITTED, S.APPROVED): Transition(REVIEW_ROLES, "approve", "approved"),
    (S.IN_REVIEW, S.APPROVED): Transition(REVIEW_ROLES, "approve", "approved"),
}

# The words for a move that the table does not have, by the state it would lead to.
VERBS = {
    S.DRAFT: "move back to draft",
    S.SUBMITTED: "submit",
    S.IN_REVIEW: "start reviewing",
    S.RETURNED: "return",
    S.APPROVED: "approve",
}
# States in which reviewers may moderate, comment and decide.
REVIEWABLE_STATES = frozenset({S.SUBMITTED, S.IN_REVIEW})


def transition_for(from_state: str, to_state: str) -> Transition | None:
    return TRANSITIONS.get((from_state, to_state))


def transition_refusal(*, from_state: str, to_state: str, roles: set[str] | frozenset[str], message: str = "") -> str | None:
    """Why this move is not allowed for someone holding ``roles``, or None if it is."""
    rule = transition_for(from_state, to_state)
    state_label = S(from_state).label.lower()
    if rule is None:
        return f"You cannot {VERBS[S(to_state)]} an assessment that is {state_label}."
    if not rule.roles & set(roles):
        who = "the authority's editors" if rule.roles == AUTHORITY_EDITORS else "central reviewers"
        return f"Only {who} can {rule.verb} this assessment."
    if rule.needs_message and not message.strip():
        return f"Enter a message explaining why you {rule.verb} this assessment."
    return None
