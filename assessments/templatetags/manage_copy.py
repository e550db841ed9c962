"""The task list's "Start from your previous round's approved answers" action."""
from django import template

from assessments.selectors.manage_previous import copy_plan, previous_approved_assessment

register = template.Library()


@register.inclusion_tag("manage/_copy_previous.html")
def copy_previous_action(assessment, can_edit: bool) -> dict:
    """Shown to editors while their draft has unanswered criteria the last approved assessment answered."""
    if not can_edit:
        return {"show": False}
    previous = previous_approved_assessment(assessment=assessment)
    count = len(copy_plan(assessment=assessment, previous=previous)) if previous else 0
    return {"show": count > 0, "assessment": assessment, "previous": previous, "count": count}
