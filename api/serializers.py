"""What the API says, field by field: stable snake_case names, ISO 8601 dates, numbers as JSON numbers.

Scores are the scoring module's numbers as the pages show them (two decimal places);
``null`` means "no number" (nothing scored, or not submitted yet), never zero.
"""
from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from assessments import scoring
from assessments.models import (
    Answer,
    AssessmentState,
    Authority,
    AuthorityKind,
    Criterion,
    Framework,
    FrameworkStatus,
    Landscape,
    Moderation,
    Round,
    RoundState,
    Step,
)
from assessments.selectors.dashboards import RATED_STATES, Scope
from assessments.selectors.dashboards_overview import SORT_KEYS

from .selectors import current_regions

SCORE = {"max_digits": 5, "decimal_places": 2, "allow_null": True, "coerce_to_string": False}
RAG_CHOICES = [(rag.value, rag.label) for rag in scoring.Rag]


# --- Filters: the dashboards' vocabulary, checked rather than silently dropped ------------


class RoundRowFilters(serializers.Serializer):
    """The national overview's filters and sort, as query parameters."""

    kind = serializers.ChoiceField(choices=AuthorityKind.choices, required=False,
                                   help_text="Only authorities of this kind.")
    region = serializers.CharField(max_length=100, required=False,
                                   help_text="Only authorities with a member council in this region (exact name).")
    scope = serializers.ChoiceField(choices=[(s.value, s.label) for s in Scope], required=False,
                                    help_text="Which assessments count. Default: submitted.")
    sort = serializers.ChoiceField(choices=SORT_KEYS, required=False, help_text="Column to sort by. Default: name.")
    order = serializers.ChoiceField(choices=["asc", "desc"], required=False, help_text="Default: asc.")


class AuthorityFilters(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AuthorityKind.choices, required=False, help_text="Only this kind.")
    region = serializers.CharField(max_length=100, required=False,
                                   help_text="Only authorities with a current member council in this region.")
    active = serializers.BooleanField(required=False, allow_null=True, default=None,
                                      help_text="true: not abolished; false: abolished.")


# --- Reference data ----------------------------------------------------------------------


class FrameworkRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Framework
        fields = ["id", "name", "version"]


class RoundSerializer(serializers.ModelSerializer):
    framework = FrameworkRefSerializer()
    state = serializers.ChoiceField(choices=RoundState.choices)
    landscape = serializers.ChoiceField(choices=Landscape.choices)
    covers_kinds = serializers.ListField(child=serializers.ChoiceField(choices=AuthorityKind.choices))
    is_published = serializers.SerializerMethodField()

    class Meta:
        model = Round
        fields = ["id", "name", "framework", "landscape", "state", "opens_on", "closes_on", "covers_kinds",
                  "is_published", "published_at"]

    def get_is_published(self, round_: Round) -> bool:
        return round_.published_at is not None


class MemberSerializer(serializers.Serializer):
    code = serializers.CharField(source="local_authority.code")
    name = serializers.CharField(source="local_authority.name")
    region = serializers.CharField(source="local_authority.region")
    landscape = serializers.ChoiceField(choices=Landscape.choices)


class AuthoritySerializer(serializers.ModelSerializer):
    code = serializers.CharField(allow_null=True, help_text="GSS code; null for bodies not given one yet.")
    kind = serializers.ChoiceField(choices=AuthorityKind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    established = serializers.CharField(help_text="ISO date, or just the year where the sources give no day.")
    is_active = serializers.BooleanField()
    regions = serializers.SerializerMethodField(help_text="Regions of the current member councils.")
    members = MemberSerializer(source="constituents", many=True,
                               help_text="Member councils in the November 2020 and current landscapes.")

    class Meta:
        model = Authority
        fields = ["id", "code", "name", "short_name", "kind", "kind_label", "has_mayor", "established",
                  "abolished", "is_active", "regions", "members"]

    def get_regions(self, authority: Authority) -> list[str]:
        return current_regions(authority)


class LevelSerializer(serializers.Serializer):
    level = serializers.IntegerField(min_value=0, max_value=4)
    descriptor = serializers.CharField()


class CriterionSerializer(serializers.ModelSerializer):
    weight = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=False)
    levels = serializers.SerializerMethodField()

    class Meta:
        model = Criterion
        fields = ["id", "code", "position", "title", "guidance", "weight", "allows_not_applicable",
                  "not_applicable_guidance", "levels"]

    @extend_schema_field(LevelSerializer(many=True))
    def get_levels(self, criterion: Criterion) -> list[dict]:
        return LevelSerializer([{"level": level, "descriptor": text} for level, text in criterion.descriptors],
                               many=True).data


class StepSerializer(serializers.ModelSerializer):
    weight = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=False)
    criteria = CriterionSerializer(many=True)

    class Meta:
        model = Step
        fields = ["number", "title", "weight", "criteria"]


class FrameworkSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=FrameworkStatus.choices)

    class Meta:
        model = Framework
        fields = ["id", "name", "version", "status", "description", "created_at"]


class FrameworkDetailSerializer(FrameworkSerializer):
    steps = StepSerializer(many=True)

    class Meta(FrameworkSerializer.Meta):
        fields = FrameworkSerializer.Meta.fields + ["steps"]


# --- Scores ----------------------------------------------------------------------------------


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


class AuthorityRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    code = serializers.CharField(allow_null=True)
    kind = serializers.ChoiceField(choices=AuthorityKind.choices)
    regions = serializers.ListField(child=serializers.CharField())


class RoundRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class AssessmentRowSerializer(serializers.Serializer):
    """One row of a round's roll-up (``selectors.dashboards.AuthorityRow``)."""

    id = serializers.IntegerField()
    round = RoundRefSerializer()
    authority = AuthorityRefSerializer()
    state = serializers.ChoiceField(choices=AssessmentState.choices)
    is_rated = serializers.BooleanField(help_text="Submitted at least once: only then are scores and RAG given.")
    submitted_at = serializers.DateTimeField(allow_null=True)
    deadline = serializers.DateField()
    is_late = serializers.BooleanField()
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


class OwnAnswerSerializer(serializers.ModelSerializer):
    level = serializers.IntegerField(source="score", allow_null=True, min_value=0, max_value=4)
    evidence_url = serializers.CharField(help_text="An https link to the evidence, or empty.")

    class Meta:
        model = Answer
        fields = ["level", "not_applicable", "justification", "evidence_url", "answered_at"]


class ModeratedAnswerSerializer(serializers.ModelSerializer):
    level = serializers.IntegerField(source="score", allow_null=True, min_value=0, max_value=4)

    class Meta:
        model = Moderation
        fields = ["level", "not_applicable", "reason", "moderated_at"]


class CriterionAnswerSerializer(serializers.Serializer):
    criterion_id = serializers.IntegerField()
    criterion_code = serializers.CharField()
    step_number = serializers.IntegerField()
    self_assessed = OwnAnswerSerializer(allow_null=True, help_text="The authority's answer; null if unanswered.")
    moderated = ModeratedAnswerSerializer(allow_null=True, help_text="The reviewer's level; null if not moderated.")
    effective_level = serializers.IntegerField(allow_null=True, help_text="The level that counts: moderated if moderated.")
    effective_not_applicable = serializers.BooleanField()


class PublishedRoundSerializer(serializers.ModelSerializer):
    framework = FrameworkRefSerializer()

    class Meta:
        model = Round
        fields = ["id", "name", "framework", "opens_on", "closes_on", "published_at"]


class PublishedRoundDetailSerializer(PublishedRoundSerializer):
    approved = serializers.IntegerField(help_text="Approved assessments in the results.")
    readiness_index = SpreadSerializer()
    steps = StepSpreadSerializer(many=True)

    class Meta(PublishedRoundSerializer.Meta):
        fields = PublishedRoundSerializer.Meta.fields + ["approved", "readiness_index", "steps"]


class PublishedResultSerializer(serializers.Serializer):
    authority = AuthorityRefSerializer()
    result = ResultSerializer()


class ProblemErrorSerializer(serializers.Serializer):
    parameter = serializers.CharField()
    detail = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField()
    errors = ProblemErrorSerializer(many=True, required=False)
