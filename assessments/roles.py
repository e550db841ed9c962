"""The sets of central roles, defined once: who reviews, who assigns, who administers.

Pure data. The access layer checks a user against these sets (``access.roles.has_role``),
``transitions.py`` says which of them may move an assessment, and the services that pick
people (reviewers to assign, inboxes to email, invitations to send) filter by them, so a
new central role is given its powers here and nowhere else.
"""
from assessments.models.users import CentralRole

# Every central role (a user with none is a local official or has no access at all).
CENTRAL_ROLES = frozenset(role for role in CentralRole if role)
# Review, moderate, return and approve assessments, see national scores, and be assigned
# assessments to review.
REVIEW_ROLES = frozenset({CentralRole.REVIEWER, CentralRole.LEAD_REVIEWER, CentralRole.ADMIN})
# Assign assessments to reviewers.
LEAD_ROLES = frozenset({CentralRole.LEAD_REVIEWER, CentralRole.ADMIN})
# Manage the service: authorities, people, rounds, frameworks, publishing.
ADMIN_ROLES = frozenset({CentralRole.ADMIN})
# Emailed when a submission arrives with nobody assigned (admins review, but are not on
# the rota that picks up new work).
SUBMISSION_INBOX_ROLES = frozenset({CentralRole.REVIEWER, CentralRole.LEAD_REVIEWER})
