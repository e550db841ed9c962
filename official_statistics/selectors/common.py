"""Small shared reads: the indicators in display order, and formatting an indicator's values."""
from __future__ import annotations

from collections import defaultdict
from itertools import groupby

from assessments.models import Constituent, Landscape

from ..figures import format_change, format_value
from ..models import Indicator, Mission


def indicators_in_order() -> list[Indicator]:
    """Every indicator with its dataset (source, release date), in mission order with context last: one query."""
    found = Indicator.objects.select_related("dataset").order_by("mission", "position", "label")
    return sorted(found, key=lambda i: (i.mission == Mission.CONTEXT, i.mission, i.position, i.label))


def dataset_version(indicator: Indicator) -> tuple:
    """What changes whenever an import changes the indicator's values or metadata (its label,
    format, polarity): each import writes its dataset's digest and time in the transaction
    that replaces them. For keys of what is kept
    in-process (``rollup_cache.derived``); needs the indicator's dataset loaded, as
    ``indicators_in_order`` does."""
    return (indicator.dataset_id, indicator.dataset.digest, indicator.dataset.imported_at)


def by_mission(items, *, indicator_of=lambda item: item) -> list[tuple[str, list]]:
    """(mission label, items) in mission order; context (net zero) last."""
    def key(item):
        mission = indicator_of(item).mission
        return (mission == Mission.CONTEXT, mission)

    ordered = sorted(items, key=key)
    return [(Mission(mission).label, list(group)) for (_, mission), group in groupby(ordered, key=key)]


def formatter(indicator: Indicator):
    """value -> text, in the indicator's decimal places with its £ or %."""
    suffix = indicator.suffix or ("%" if indicator.unit == "%" else "")
    return lambda value: format_value(value, places=indicator.decimal_places, prefix=indicator.prefix, suffix=suffix)


def change_formatter(indicator: Indicator):
    suffix = indicator.suffix or ("%" if indicator.unit == "%" else "")
    if suffix == "%":
        suffix = " points"
    return lambda delta: format_change(delta, places=indicator.decimal_places, prefix=indicator.prefix, suffix=suffix)


def unit_label(indicator: Indicator) -> str:
    """What the number counts, for a column heading or a caption: 'per 100,000 population', '%', '£'."""
    if indicator.sub_text:
        return indicator.sub_text
    if indicator.prefix == "£" or indicator.unit == "£":
        return "£"
    if indicator.unit == "%" or indicator.suffix == "%":
        return "%"
    return indicator.unit or indicator.measure


def sources(indicators: list[Indicator]) -> list[tuple]:
    """(dataset, its indicators' labels) for a list of sources, from indicators already read."""
    found: dict[int, tuple] = {}
    for indicator in indicators:
        found.setdefault(indicator.dataset_id, (indicator.dataset, []))[1].append(indicator.label)
    return sorted(found.values(), key=lambda pair: pair[0].slug)


def members_of(authority_ids) -> dict[int, list[tuple[str, str]]]:
    """authority id -> (code, name) of its councils, by name: today's, or November 2020's for a body that has only those.

    One query for any number of authorities: the councils whose values stand in where ONS
    publishes none for the authority itself.
    """
    found: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    rows = Constituent.objects.filter(authority_id__in=list(authority_ids)).values_list(
        "authority_id", "landscape", "local_authority__code", "local_authority__name")
    for authority_id, landscape, code, name in rows.order_by("local_authority__name", "local_authority__code"):
        found[authority_id][landscape].append((code, name))
    return {
        authority_id: by_landscape.get(Landscape.CURRENT) or by_landscape.get(Landscape.NOV_2020) or []
        for authority_id, by_landscape in found.items()
    }
