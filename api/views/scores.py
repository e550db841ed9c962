"""Assessments, their scores and answers, and a round's national figures.

Every number comes from the selectors the dashboards use (``round_rollup`` and
``overview`` for a round, ``assessment_view`` for one assessment), so the API and the
pages cannot disagree. Local officials get only their own authorities' rows; the
national figures they get are the medians their dashboard shows, unfiltered.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from api import serializers as s
from api.selectors import visible_rows
from assessments.access import access_assessment, authorities_visible_to
from assessments.access.dashboards import access_round, can_see_national_scores, official_guard
from assessments.models import Round
from assessments.selectors.assessments import assessment_view
from assessments.selectors.dashboards import round_rollup
from assessments.selectors.dashboards_overview import OverviewFilters, overview
from evidence.selectors import evidence_by_answer

from .base import ApiViewSet, query_filters

OFFICIAL_FILTERS_REFUSED = (
    "Only central staff can filter national figures. Without filters you get the national medians of "
    "submitted assessments, as on your dashboard."
)


def _overview(request: Request, round_: Round, *, for_summary: bool):
    filters = query_filters(request, s.RoundRowFilters)
    guard = None
    if not can_see_national_scores(user=request.user):
        if for_summary and filters:
            raise PermissionDenied(OFFICIAL_FILTERS_REFUSED)
        # The dashboard's small-group privacy rule: no figure from too few other authorities' data.
        authorities = list(authorities_visible_to(user=request.user))
        guard = official_guard(user=request.user, round_=round_, authorities=authorities)
    return overview(rollup=round_rollup(round_=round_), filters=OverviewFilters.from_query(filters), guard=guard)


class RoundScoresViewSet(ApiViewSet):
    """The round's assessments and national figures: /rounds/{id}/assessments/ and /rounds/{id}/summary/."""

    serializer_class = s.AssessmentRowSerializer

    @extend_schema(
        summary="A round's assessments with their scores",
        description=(
            "The national overview's rows: filtered and sorted the same way (`kind`, `tier`, `region`, `scope`, "
            "`sort`, `order`). Central staff get every authority; local officials only their own. "
            "Scores and RAG are null until an assessment has been submitted."
        ),
        parameters=[s.RoundRowFilters],
        responses=s.AssessmentRowSerializer(many=True),
    )
    @action(detail=True, url_path="assessments")
    def assessments(self, request: Request, pk: int) -> Response:
        round_ = access_round(user=request.user, pk=pk)
        rows = visible_rows(user=request.user, rows=_overview(request, round_, for_summary=False).rows)
        page = self.paginate_queryset(rows)
        data = [s.AssessmentRowSerializer.data_for_row(row, round_=round_) for row in page]
        return self.get_paginated_response(s.AssessmentRowSerializer(data, many=True).data)

    @extend_schema(
        summary="A round's national figures",
        description=(
            "Counts, quartiles and medians of the readiness index and of each step, as the national overview "
            "shows them for the same filters. Local officials may not filter and get no exclusions list."
        ),
        parameters=[s.RoundRowFilters],
        responses=s.RoundSummarySerializer,
    )
    @action(detail=True, url_path="summary", pagination_class=None)
    def summary(self, request: Request, pk: int) -> Response:
        round_ = access_round(user=request.user, pk=pk)
        data = _overview(request, round_, for_summary=True)
        central = can_see_national_scores(user=request.user)
        filters = data.filters
        body = {
            "round": {"id": round_.pk, "name": round_.name},
            "filters": {"kind": filters.kind or None, "tier": filters.tier or None, "region": filters.region or None, "scope": filters.scope.value,
                        "sort": filters.sort, "order": "desc" if filters.descending else "asc"},
            "counts": data.counts,
            "readiness_index": s.SpreadSerializer.data_for(data.index),
            "steps": [
                {"number": step.number, "title": step.title, **s.SpreadSerializer.data_for(data.spreads[step.number])}
                for step in data.rollup.steps
            ],
            "exclusions": [{"reason": e.reason, "authorities": e.names} for e in data.exclusions] if central else [],
        }
        return Response(s.RoundSummarySerializer(body).data)


class AssessmentViewSet(ApiViewSet):
    serializer_class = s.AssessmentDetailSerializer
    pagination_class = None

    @extend_schema(
        summary="One assessment with its effective and self-assessed scores",
        description="404 unless the token's owner may see the authority. Scores are null until submitted.",
    )
    def retrieve(self, request: Request, pk: int) -> Response:
        assessment = access_assessment(user=request.user, pk=pk)
        view = assessment_view(assessment=assessment)
        # The round's roll-up row, so the detail says exactly what the list and the dashboards say.
        row = next(row for row in round_rollup(round_=assessment.round).rows if row.assessment_id == assessment.pk)
        data = s.AssessmentRowSerializer.data_for_row(row, round_=assessment.round)
        data["self_assessed_result"] = s.ResultSerializer.data_for(view.own_result, rated=data["is_rated"])
        return Response(s.AssessmentDetailSerializer(data).data)

    @extend_schema(
        summary="An assessment's answers, criterion by criterion",
        description=(
            "Every criterion of the framework version, in order: the authority's own level, the reviewer's "
            "moderated level where there is one, and the level that counts."
        ),
        responses=s.CriterionAnswerSerializer(many=True),
    )
    @action(detail=True, url_path="answers", pagination_class=None)
    def answers(self, request: Request, pk: int) -> Response:
        assessment = access_assessment(user=request.user, pk=pk)
        view = assessment_view(assessment=assessment)
        rows = [s.CriterionAnswerSerializer.data_for(row) for step in view.steps for row in view.criterion_rows(step)]
        # Each answer's evidence as the pages and exports show it: as sent once submitted.
        evidence = evidence_by_answer(
            answers=[(answer.pk, assessment.pk, answer.criterion_id) for answer in view.answers.values()],
            states={assessment.pk: assessment.state},
        )
        return Response(s.CriterionAnswerSerializer(rows, many=True, context={"evidence": evidence}).data)
