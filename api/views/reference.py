"""Rounds, authorities and framework versions: who may see which, from ``assessments.access``."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.request import Request

from api import serializers as s
from api.selectors import authorities_for_api, current_regions, frameworks_for_api
from assessments.access.dashboards import access_authority_profile, access_round
from assessments.models import Round
from assessments.selectors.devolution import in_tier
from assessments.selectors.rounds import all_rounds

from .base import ApiReadOnlyModelViewSet, query_filters
from .statistics import AuthorityStatisticsMixin


@extend_schema_view(
    list=extend_schema(summary="Assessment rounds", description="Every round, newest first. Any token may read them."),
    retrieve=extend_schema(summary="One round"),
)
class RoundViewSet(ApiReadOnlyModelViewSet):
    serializer_class = s.RoundSerializer
    queryset = all_rounds()

    def get_object(self) -> Round:
        return access_round(user=self.request.user, pk=self.kwargs["pk"])


@extend_schema_view(
    list=extend_schema(
        summary="Authorities",
        description="Central staff see every authority; local officials only their own.",
        parameters=[s.AuthorityFilters],
    ),
    retrieve=extend_schema(summary="One authority", description="404 unless the token's owner may see it."),
)
class AuthorityViewSet(AuthorityStatisticsMixin, ApiReadOnlyModelViewSet):
    serializer_class = s.AuthoritySerializer

    def get_queryset(self):
        return authorities_for_api(user=self.request.user)

    def list(self, request: Request, *args, **kwargs):
        filters = query_filters(request, s.AuthorityFilters)
        authorities = self.get_queryset()
        if "kind" in filters:
            authorities = authorities.filter(kind=filters["kind"])
        if "tier" in filters:
            authorities = in_tier(authorities, tier=filters["tier"])
        if "active" in filters:
            authorities = authorities.filter(abolished__isnull=filters["active"])
        if "region" in filters:
            region = filters["region"]
            authorities = [a for a in authorities if region in current_regions(a)]
        page = self.paginate_queryset(authorities)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_object(self):
        authority = access_authority_profile(user=self.request.user, pk=self.kwargs["pk"])
        return self.get_queryset().get(pk=authority.pk)


@extend_schema_view(
    list=extend_schema(summary="Framework versions", description="Published versions (admins also see drafts)."),
    retrieve=extend_schema(summary="One framework version with its steps, criteria and level descriptors"),
)
class FrameworkViewSet(ApiReadOnlyModelViewSet):
    def get_queryset(self):
        return frameworks_for_api(user=self.request.user, with_steps=self.action == "retrieve")

    def get_serializer_class(self):
        return s.FrameworkDetailSerializer if self.action == "retrieve" else s.FrameworkSerializer
