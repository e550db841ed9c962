"""A round's scores: the overview's filters, each assessment's result and the round's spread.

Scores are the scoring module's numbers as the pages show them (two decimal places);
``null`` means "no number" (nothing scored, or not submitted yet), never zero.
"""
from __future__ import annotations

from rest_framework import serializers

from assessments import scoring
from assessments.models import AssessmentState, AuthorityKind, Round
from assessments.selectors.dashboards import RATED_STATES, Scope
from assessments.selectors.dashboards_overview import SORT_KEYS
from assessments.selectors.devolution import TIER_CHOICES

from .authorities import AuthorityRefSerializer
from .rounds import RoundRefSerializer

SCORE = {"max_digits": 5, "decimal_places": 2, "allow_null": True, "coerce_to_string": False}
RAG_CHOICES = [(rag.value, rag.label) for rag in scoring.Rag]


class RoundRowFilters(serializers.Serializer):
    """The national overview's filters and sort, as query parameters."""

    kind = serializers.ChoiceField(choices=AuthorityKind.choices, required=False,
                                   help_text="Only authorities of this kind.")
    tier = serializers.ChoiceField(choices=TIER_CHOICES, required=False,
                                   help_text="Only authorities in this strategic-authority tier on the round's landscape date.")
    region = serializers.CharField(max_length=100, required=False,
                                   help_text="Only authorities with a member council in this region (exact name).")
    scope = serializers.ChoiceField(choices=[(s.value, s.label) for s in Scope], required=False,
                                    help_text="Which assessments count. Default: submitted.")
    sort = serializers.ChoiceField(choices=SORT_KEYS, required=False, help_text="Column to sort by. Default: name.")
    order = serializers.ChoiceField(choices=["asc", "desc"], required=False, help_text="Default: asc.")


class StepResultSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    score = serializers.DecimalField(**SCORE, help_text="0-100; null when nothing in the step is scored or not rated.")
    rag = serializers.ChoiceField(choices=RAG_CHOICES, allow_null=True)
    answered = serializers.IntegerField(help_text="Criteria answered (a level or N/A).")
    total = serializers.IntegerField(help_text="Criteria in the step.")


class ResultSerializer(serializers.Serializer):
    """One ``scoring.AssessmentResult``; scores blanked unless the assessment is rated."""

    readiness_index = serializers.DecimalField(**SCORE)
    rag = serializers.ChoiceField(choices=RAG_CHOICES, allow_null=True)
    answered = serializers.IntegerField()
    total = serializers.IntegerField()
    steps = StepResultSerializer(many=True)

    @staticmethod
    def data_for(result: scoring.AssessmentResult, *, rated: bool) -> dict:
        steps = [
            {"number": s.number, "score": s.score if rated else None, "rag": (s.rag.value if s.rag and rated else None),
             "answered": s.answered, "total": s.total}
            for s in result.steps
        ]
        return {
            "readiness_index": result.readiness_index if rated else None,
            "rag": result.rag.value if result.rag and rated else None,
            "answered": result.answered,
            "total": result.total,
            "steps": steps,
        }


class AssessmentRowSerializer(serializers.Serializer):
    """One row of a round's roll-up (``selectors.dashboards.RollupRow``)."""

    id = serializers.IntegerField()
    round = RoundRefSerializer()
    authority = AuthorityRefSerializer()
    state = serializers.ChoiceField(choices=AssessmentState.choices)
    is_rated = serializers.BooleanField(help_text="Submitted at least once: only then are scores and RAG given.")
    submitted_at = serializers.DateTimeField(allow_null=True)
    deadline = serializers.DateField()
    is_late = serializers.BooleanField()
    tier = serializers.ChoiceField(choices=TIER_CHOICES, help_text="Strategic-authority tier on the round's landscape date.")
    result = ResultSerializer(help_text="Effective scores: the reviewer's moderated level where there is one.")

    @classmethod
    def data_for_row(cls, row, *, round_: Round) -> dict:
        rated = row.state in RATED_STATES
        return {
            "id": row.assessment_id,
            "round": {"id": round_.pk, "name": round_.name},
            "authority": {"id": row.authority_id, "name": row.name, "short_name": row.short_name,
                          "code": row.code or None, "kind": row.kind, "regions": list(row.regions)},
            "state": row.state,
            "is_rated": rated,
            "submitted_at": row.submitted_at,
            "deadline": row.deadline,
            "is_late": row.is_late,
            "tier": row.tier,
            "result": ResultSerializer.data_for(row.result, rated=rated),
        }


class AssessmentDetailSerializer(AssessmentRowSerializer):
    self_assessed_result = ResultSerializer(help_text="The authority's own levels, before moderation.")


class SpreadSerializer(serializers.Serializer):
    lower_quartile = serializers.DecimalField(**SCORE)
    median = serializers.DecimalField(**SCORE)
    upper_quartile = serializers.DecimalField(**SCORE)
    count = serializers.IntegerField(help_text="Authorities with a number, the ones the quartiles are of.")
    status = serializers.ChoiceField(
        choices=[status.value for status in scoring.SpreadStatus],
        help_text="summarised; too_few: too few scores to summarise; withheld: the small-group privacy rule "
                  "hides figures drawn from too few other authorities' unpublished scores.",
    )

    @staticmethod
    def data_for(spread: scoring.Spread) -> dict:
        return {"lower_quartile": spread.lower_quartile, "median": spread.median,
                "upper_quartile": spread.upper_quartile, "count": spread.count, "status": spread.status.value}


class StepSpreadSerializer(SpreadSerializer):
    number = serializers.IntegerField()
    title = serializers.CharField()


class ExclusionSerializer(serializers.Serializer):
    reason = serializers.CharField()
    authorities = serializers.ListField(child=serializers.CharField(), help_text="Short names.")


class CountsSerializer(serializers.Serializer):
    assessments = serializers.IntegerField()
    submitted = serializers.IntegerField()
    approved = serializers.IntegerField()
    late = serializers.IntegerField()
    counted = serializers.IntegerField(help_text="Assessments the filters and scope count.")


class AppliedFiltersSerializer(serializers.Serializer):
    """The filters the figures are for, defaults filled in."""

    kind = serializers.ChoiceField(choices=AuthorityKind.choices, allow_null=True)
    tier = serializers.ChoiceField(choices=TIER_CHOICES, allow_null=True)
    region = serializers.CharField(allow_null=True)
    scope = serializers.ChoiceField(choices=[(s.value, s.label) for s in Scope])
    sort = serializers.ChoiceField(choices=SORT_KEYS)
    order = serializers.ChoiceField(choices=["asc", "desc"])


class RoundSummarySerializer(serializers.Serializer):
    round = RoundRefSerializer()
    filters = AppliedFiltersSerializer()
    counts = CountsSerializer()
    readiness_index = SpreadSerializer()
    steps = StepSpreadSerializer(many=True)
    exclusions = ExclusionSerializer(many=True, help_text="Who is not counted and why (central staff only).")
