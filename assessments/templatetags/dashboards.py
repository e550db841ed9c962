"""Heatmap cells and score changes for the dashboards, rendered in Python for speed (50 x 9 cells a page)."""
from functools import lru_cache

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from assessments import scoring
from assessments.markup import text, url_for_each
from assessments.selectors.devolution import tier_label

register = template.Library()

NOT_SCORED_CELL = mark_safe(
    '<td class="govuk-table__cell govuk-table__cell--numeric app-heat app-heat--none">'
    '<span aria-hidden="true">–</span><span class="govuk-visually-hidden">Not scored</span></td>'
)


@register.simple_tag
def heat_cell(value, label: str = "", step: int | None = None):
    """A numeric table cell coloured by RAG, always with the number and the rating in words.

    ``label`` (or ``step``, for "Step 3") names the column for tables that stack into cards
    on a phone (app-table--stack). Plain string building (``assessments.markup``): a step
    page has a cell per authority.
    """
    if step is not None:
        label = f"Step {step}"
    return _heat_cell(value, label)


@lru_cache(maxsize=4096)
def _heat_cell(value, label: str):
    # Scores as shown take few values and columns few labels: a thousand rows repeat a few
    # hundred cells, each built once per process (the markup depends on nothing else).
    if value is None:
        if not label:
            return NOT_SCORED_CELL
        return mark_safe(NOT_SCORED_CELL.replace("<td ", f'<td data-label="{text(label)}" ', 1))
    rag = scoring.rag_for(value)
    data_label = f' data-label="{text(label)}"' if label else ""
    return mark_safe(
        f'<td class="govuk-table__cell govuk-table__cell--numeric app-heat app-heat--{rag.value}"{data_label}>{value:.2f} '
        f'<span class="app-heat__label">{text(rag.label)}</span></td>'
    )


@register.filter
def score_change(value) -> str:
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


@register.simple_tag
def step_score_rows(rows, number: int):
    """One table row per authority: its short name and its step ``number`` cell (a thousand on a step page)."""
    return mark_safe("".join(
        f'<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{text(row.short_name)}</th>'
        f"{heat_cell(row.step_score(number))}</tr>"
        for row in rows
    ))


CENTRE_LABEL = "Centre's side"


@register.simple_tag
def centre_rows(centre, round_id: int):
    """What the centre owes each rated authority: a row each, with a link to its profile in the round."""
    profile = url_for_each("dashboard-authority")
    return mark_safe("".join(
        f'<tr class="govuk-table__row"><th scope="row" class="govuk-table__header"><a class="govuk-link" '
        f'href="{profile.format(item.row.authority_id)}?round={round_id:d}">{text(item.row.short_name)}</a></th>'
        f'<td class="govuk-table__cell" data-label="Tier">{text(item.row.tier_label)}</td>'
        f"{heat_cell(item.score, label=CENTRE_LABEL)}</tr>"
        for item in centre.rows
    ))


@register.filter
def descriptor_of(criterion, level):
    return criterion.descriptor(level)


@register.filter
def plural_kind(noun: str) -> str:
    """"mayoral combined authority" -> "mayoral combined authorities" (never "authoritys")."""
    return scoring.plural(2, noun).split(" ", 1)[1]


# A strategic-authority tier's label, "No strategic-authority tier" for none: the devolution
# module's one definition, registered as a filter rather than wrapped in a second function.
register.filter("tier_label", tier_label)
