"""Official statistics (ONS local indicators): the indicators, one indicator's values by authority, one authority's figures.

The figures come from the pages' own selectors: ``latest_cells`` and ``table_authorities``
(the national indicators page's table: an authority's own latest value, or its member
councils' range where ONS publishes none) and ``authority_statistics`` (the profile's
section). The statistics are open data, but a token still sees only the authorities its
owner may see: local officials their own, central staff every active one.
"""
from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from api import serializers as s
from api.selectors import current_regions, with_member_councils
from assessments.access import authorities_visible_to
from assessments.access.dashboards import access_authority_profile
from official_statistics.exports import LICENCE
from official_statistics.selectors.common import indicators_in_order
from official_statistics.selectors.national import Filters, latest_cells, table_authorities
from official_statistics.selectors.profile import authority_statistics

from .base import ApiViewSet, query_filters


def _indicators(request: Request):
    mission = query_filters(request, s.IndicatorFilters).get("mission")
    return [i for i in indicators_in_order() if mission is None or i.mission == mission]


def _indicator(pk: int):
    indicator = next((i for i in indicators_in_order() if i.pk == pk), None)
    if indicator is None:
        raise Http404("No such indicator")
    return indicator


def _england(indicators) -> dict:
    _cells, england = latest_cells(authorities=[], indicators=indicators)
    return {indicator.pk: cell for indicator, cell in zip(indicators, england)}


@extend_schema_view(
    list=extend_schema(
        summary="Official statistics: the indicators",
        description=(
            "Every ONS local indicator the service holds, in mission order: what it measures, its unit and decimal "
            "places, whether higher is better (and why), its source and release date, and England's latest value. "
            "Open Government Licence v3.0: attribute \"Source: Office for National Statistics\"."
        ),
        parameters=[s.IndicatorFilters],
    ),
    retrieve=extend_schema(summary="One indicator"),
)
class IndicatorViewSet(ApiViewSet):
    serializer_class = s.IndicatorSerializer

    def list(self, request: Request) -> Response:
        indicators = _indicators(request)
        page = self.paginate_queryset(indicators)
        data = s.IndicatorSerializer(page, many=True, context={"england": _england(page)}).data
        return self.get_paginated_response(data)

    def retrieve(self, request: Request, pk: int) -> Response:
        indicator = _indicator(pk)
        return Response(s.IndicatorSerializer(indicator, context={"england": _england([indicator])}).data)

    @extend_schema(
        summary="One indicator's latest value for each authority",
        description=(
            "A column of the national indicators page: each active authority's own latest value, or, where ONS "
            "publishes none for the authority itself, its member councils' latest values (lowest, median, highest, "
            "each named; never an average). Filtered and sorted like the page (`kind`, `region`, `sort`, `order`) and by "
            "`tier` (the authority's strategic-authority tier today). "
            "Central staff get every active authority; local officials their own."
        ),
        parameters=[s.IndicatorValueFilters],
        responses=s.IndicatorValueSerializer(many=True),
    )
    @action(detail=True, url_path="values")
    def values(self, request: Request, pk: int) -> Response:
        indicator = _indicator(pk)
        query = query_filters(request, s.IndicatorValueFilters)
        filters = Filters(kind=query.get("kind", ""), region=query.get("region", ""), tier=query.get("tier", ""),
                          sort=indicator.slug if query.get("sort") == "value" else "name",
                          descending=query.get("order") == "desc")
        visible = authorities_visible_to(user=request.user).filter(abolished__isnull=True)
        ordered = table_authorities(filters=filters, sorted_by=indicator if filters.sort != "name" else None, authorities=visible)
        page = self.paginate_queryset(with_member_councils(ordered))
        cells, _england = latest_cells(authorities=page, indicators=[indicator])
        data = [s.IndicatorValueSerializer.data_for(a, cells[(a.pk, indicator.pk)], current_regions(a)) for a in page]
        return self.get_paginated_response(s.IndicatorValueSerializer(data, many=True).data)


class AuthorityStatisticsMixin:
    """/authorities/{id}/statistics/: the profile's "Official statistics" section as data."""

    @extend_schema(
        summary="An authority's official statistics",
        description=(
            "The profile's section: for each indicator the latest value with its period and confidence bounds, the "
            "previous value and the change, England in the same period, the rank among combined authorities with a "
            "value in that period, every period (the trend), or, where ONS publishes nothing for the authority "
            "itself, its member councils' values. 404 unless the token's owner may see the authority."
        ),
        parameters=[s.IndicatorFilters],
        responses=s.AuthorityStatisticsSerializer,
    )
    @action(detail=True, url_path="statistics", pagination_class=None)
    def statistics(self, request: Request, pk: int) -> Response:
        mission = query_filters(request, s.IndicatorFilters).get("mission")
        authority = access_authority_profile(user=request.user, pk=pk)
        regions = current_regions(self.get_queryset().get(pk=authority.pk))
        figures = authority_statistics(authority=authority)
        body = {
            "authority": {"id": authority.pk, "name": authority.name, "short_name": authority.short_name,
                          "code": authority.code or None, "kind": authority.kind, "regions": regions},
            "licence": LICENCE,
            "indicators": [s.AuthorityIndicatorSerializer.data_for(f) for _, items in figures.missions for f in items
                           if mission is None or f.indicator.mission == mission],
        }
        return Response(s.AuthorityStatisticsSerializer(body).data)
