"""The 'Official statistics' sheet of a round's XLSX export: each authority's latest published values."""
from __future__ import annotations

from collections.abc import Iterator

from assessments.models import Authority, Round

from .catalogue import ENGLAND_CODE
from .models import Mission, Observation
from .periods import period_label
from .selectors.common import indicators_in_order, unit_label

STATISTICS_HEADER = [
    "Authority", "GSS code", "Indicator", "Mission", "Period", "Value", "Unit", "Higher is better",
    "England (same period)", "Source", "Source address", "Release date", "Licence",
]
LICENCE = "Source: Office for National Statistics licensed under the Open Government Licence v3.0"


def statistics_rows(*, round_: Round) -> Iterator[list]:
    """One row per authority of the round and indicator ONS publishes for the authority itself (four queries)."""
    authorities = list(
        Authority.objects.filter(assessments__round=round_, code__isnull=False).order_by("name").values_list("short_name", "code")
    )
    indicators = {i.pk: i for i in indicators_in_order()}
    codes = [code for _, code in authorities]
    latest: dict[tuple, tuple] = {}
    for code, indicator_id, value, start, months in Observation.objects.filter(area_code__in=codes, latest=True).values_list(
        "area_code", "indicator_id", "value", "period_start", "period_months"
    ):
        latest[(code, indicator_id)] = (value, start, months)
    england = {
        (indicator_id, start, months): value
        for indicator_id, start, months, value in Observation.objects.filter(area_code=ENGLAND_CODE).values_list(
            "indicator_id", "period_start", "period_months", "value")
    }
    for name, code in authorities:
        for indicator in indicators.values():
            found = latest.get((code, indicator.pk))
            if found is None:
                continue
            value, start, months = found
            yield [
                name, code, indicator.label, Mission(indicator.mission).label, period_label(start, months), value,
                unit_label(indicator), "yes" if indicator.higher_is_better else "no", england.get((indicator.pk, start, months)),
                indicator.dataset.source_org, indicator.dataset.source_url, indicator.dataset.release_date, LICENCE,
            ]
