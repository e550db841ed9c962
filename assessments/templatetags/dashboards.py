"""Heatmap cells and score changes for the dashboards, rendered in Python for speed (50 x 9 cells a page)."""
from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from assessments import scoring

register = template.Library()

NOT_SCORED_CELL = mark_safe(
    '<td class="govuk-table__cell govuk-table__cell--numeric app-heat app-heat--none">'
    '<span aria-hidden="true">–</span><span class="govuk-visually-hidden">Not scored</span></td>'
)


@register.simple_tag
def heat_cell(value, label: str = "", step: int | None = None):
    """A numeric table cell coloured by RAG, always with the number and the rating in words.

    ``label`` (or ``step``, for "Step 3") names the column for tables that stack into cards
    on a phone (app-table--stack).
    """
    if step is not None:
        label = f"Step {step}"
    if value is None:
        if not label:
            return NOT_SCORED_CELL
        return format_html(NOT_SCORED_CELL.replace("<td ", '<td data-label="{}" ', 1), label)
    rag = scoring.rag_for(value)
    return format_html(
        '<td class="govuk-table__cell govuk-table__cell--numeric app-heat app-heat--{}"{}>{} '
        '<span class="app-heat__label">{}</span></td>',
        rag.value, format_html(' data-label="{}"', label) if label else "", f"{value:.2f}", rag.label,
    )


@register.filter
def change(value) -> str:
    """A signed change rounded once from the exact difference, "+3.50" or "−2.25"; "–" when either side has no score."""
    if value is None:
        return "–"
    value = scoring.shown(value)
    if value > 0:
        return f"+{value:.2f}"
    if value < 0:
        return f"−{abs(value):.2f}"
    return "0.00"


@register.simple_tag
def spread_cells(spread):
    """Lower quartile, median and upper quartile cells; one cell saying why when there are no figures."""
    if not spread.summarised:
        return format_html(
            '<td class="govuk-table__cell app-spread--none" colspan="3">{}</td>', spread.reason
        )
    return format_html(
        '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>' * 3,
        f"{spread.lower_quartile:.2f}", f"{spread.median:.2f}", f"{spread.upper_quartile:.2f}",
    )


@register.filter
def median_or_reason(spread) -> str:
    """The median as shown, or why there is none ("Too few to summarise")."""
    return f"{spread.median:.2f}" if spread.summarised else spread.reason


@register.filter
def step_score(result, number):
    return next((s.score for s in result.steps if s.number == number), None)


@register.filter
def step_score_of(row, number):
    """An AuthorityRow's shown score for step ``number``."""
    return row.step_score(number)


@register.filter
def descriptor_of(criterion, level):
    return criterion.descriptor(level)


@register.filter
def plural_kind(noun: str) -> str:
    """"mayoral combined authority" -> "mayoral combined authorities" (never "authoritys")."""
    return scoring.plural(2, noun).split(" ", 1)[1]


@register.filter
def tier_label(tier) -> str:
    """A strategic-authority tier's label; "No strategic-authority tier" for none."""
    from assessments.selectors.devolution import tier_label as label

    return label(tier)
