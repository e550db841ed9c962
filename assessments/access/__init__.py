"""Fetch-with-permission: the one place that decides who may read or change what.

Every view gets its objects through these helpers. Objects a user may not see raise
Http404 (so an official of another authority learns nothing, not even that the object
exists); objects a user may see but not change raise PermissionDenied with a reason.
"""
from .assessments import (
    access_assessment,
    access_assessment_for_edit,
    access_comment_for_reply,
    assessments_visible_to,
    can_edit_assessment,
    edit_refusal_reason,
)
from .authorities import authorities_visible_to, can_view_authority, user_authority_levels

__all__ = [
    "access_assessment",
    "access_assessment_for_edit",
    "access_comment_for_reply",
    "assessments_visible_to",
    "authorities_visible_to",
    "can_edit_assessment",
    "can_view_authority",
    "edit_refusal_reason",
    "user_authority_levels",
]
