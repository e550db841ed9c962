"""Small presentation helpers for GOV.UK components."""
from datetime import date

from django import template
from django.forms.widgets import ChoiceWidget
from django.utils import timezone

from assessments import scoring
from assessments.dates import govuk_datetime
from assessments.levels import level_label

register = template.Library()

RAG_TAG_CLASSES = {
    scoring.Rag.RED: "govuk-tag--red",
    scoring.Rag.AMBER: "govuk-tag--yellow",
    scoring.Rag.GREEN: "govuk-tag--green",
}
TASK_TAG_CLASSES = {
    scoring.TaskStatus.NOT_STARTED: "govuk-tag--grey",
    scoring.TaskStatus.IN_PROGRESS: "govuk-tag--light-blue",
    scoring.TaskStatus.COMPLETED: "",
}
STATE_TAG_CLASSES = {
    "draft": "govuk-tag--grey",
    "submitted": "govuk-tag--blue",
    "in_review": "govuk-tag--purple",
    "returned": "govuk-tag--orange",
    "approved": "govuk-tag--green",
}


@register.filter
def error_anchor(bound_field) -> str:
    """The id the error summary should link to: the first radio of a radios field.

    crispy-forms-gds links radios to ``id_<name>``, which no input has. A single checkbox
    (a BooleanField) is not a choice list: its input keeps the plain ``id_<name>``.
    """
    widget = bound_field.field.widget
    if isinstance(widget, ChoiceWidget) and getattr(widget, "input_type", None) in {"radio", "checkbox"}:
        return f"id_{bound_field.html_name}_1"
    return bound_field.auto_id


@register.filter
def rag_class(rag) -> str:
    return RAG_TAG_CLASSES.get(rag, "govuk-tag--grey")


@register.filter
def task_class(status) -> str:
    return TASK_TAG_CLASSES.get(status, "govuk-tag--grey")


@register.filter
def state_class(state: str) -> str:
    return STATE_TAG_CLASSES.get(state, "govuk-tag--grey")


@register.filter
def days_until(day: date) -> int:
    return (day - timezone.localdate()).days


@register.filter
def score(value) -> str:
    """A 0-100 score as shown everywhere: two decimal places (as RAG is judged), or "Not scored"."""
    if value is None:
        return "Not scored"
    return f"{scoring.shown(value):.2f}"


@register.inclusion_tag("includes/_deadline.html")
def deadline(closes_on: date, *, late: bool):
    """The deadline line. ``late`` comes from the one rule (``assessments.deadlines``), worked
    out by the selector: a date in the past alone does not make an assessment late, since one
    submitted on time is not."""
    days = (closes_on - timezone.localdate()).days
    return {"closes_on": closes_on, "days": days, "days_late": -days, "late": late}


@register.filter
def level_words(value) -> str:
    """An answer's or moderation's level in words: "Level 3", "Not applicable", "Not answered" (also for no answer)."""
    if value is None:
        return level_label(None)
    return level_label(value.score, value.not_applicable)


@register.filter(name="govuk_datetime")
def govuk_datetime_filter(value) -> str:
    return govuk_datetime(value)
