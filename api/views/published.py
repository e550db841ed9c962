"""Published results: public, no token needed, approved assessments only (as the public pages)."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from api import serializers as s
from api.selectors import published_figures
from assessments.access.dashboards import published_round
from assessments.exports.rounds import public_rollup
from assessments.selectors.rounds import published_round_list

from .base import ApiReadOnlyModelViewSet


@extend_schema_view(
    list=extend_schema(summary="Published rounds", description="Rounds whose approved results an admin has published."),
    retrieve=extend_schema(summary="A published round's national figures"),
)
class PublishedRoundViewSet(ApiReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    queryset = published_round_list()

    def get_serializer_class(self):
        return s.PublishedRoundDetailSerializer if self.action == "retrieve" else s.PublishedRoundSerializer

    def retrieve(self, request: Request, pk: int) -> Response:
        figures = published_figures(round_=published_round(pk=pk))
        return Response(s.PublishedRoundDetailSerializer.data_for(figures))

    @extend_schema(
        summary="A published round's approved results, authority by authority",
        responses=s.PublishedResultSerializer(many=True),
    )
    @action(detail=True, url_path="results")
    def results(self, request: Request, pk: int) -> Response:
        round_ = published_round(pk=pk)
        rows = public_rollup(round_=round_).rows
        page = self.paginate_queryset(rows)
        data = [
            {key: value for key, value in s.AssessmentRowSerializer.data_for_row(row, round_=round_).items()
             if key in {"authority", "result"}}
            for row in page
        ]
        return self.get_paginated_response(s.PublishedResultSerializer(data, many=True).data)
