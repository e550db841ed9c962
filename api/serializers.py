"""What the API says, field by field: stable snake_case names, ISO 8601 dates, numbers as JSON numbers.

Scores are the scoring module's numbers as the pages show them (two decimal places);
``null`` means "no number" (nothing scored, or not submitted yet), never zero.
"""
from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
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
    StrategicTier,
)
from assessments.selectors.dashboards import RATED_STATES, Scope
from assessments.selectors.dashboards_overview import SORT_KEYS
from assessments.selectors.devolution import TIER_CHOICES
from evidence.selectors import shown_for_answer
from official_statistics.models import Indicator, Mission

from .selectors import current_regions

SCORE = {"max_digits": 5, "decimal_places": 2, "allow_null": True, "coerce_to_string": False}
RAG_CHOICES = [(rag.value, rag.label) for rag in scoring.Rag]


# --- Filters: the dashboards' vocabulary, checked rather than silently dropped ------------


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


class AuthorityFilters(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AuthorityKind.choices, required=False, help_text="Only this kind.")
    tier = serializers.ChoiceField(choices=TIER_CHOICES, required=False, help_text="Only authorities in this strategic-authority tier today.")
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


class TierPeriodSerializer(serializers.Serializer):
    tier = serializers.ChoiceField(choices=StrategicTier.choices)
    since = serializers.CharField(help_text="As the source gives it: YYYY-MM-DD, or YYYY-MM or YYYY where the day is not known.")
    starts_on = serializers.DateField(help_text="The first day the tier applies (until the next period starts).")
    source = serializers.CharField()


class AuthoritySerializer(serializers.ModelSerializer):
    code = serializers.CharField(allow_null=True, help_text="GSS code; null for bodies not given one yet.")
    kind = serializers.ChoiceField(choices=AuthorityKind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    established = serializers.CharField(help_text="ISO date, or just the year where the sources give no day.")
    is_active = serializers.BooleanField()
    regions = serializers.SerializerMethodField(help_text="Regions of the current member councils.")
    members = MemberSerializer(source="constituents", many=True,
                               help_text="Member councils in the November 2020 and current landscapes.")
    mayoral = serializers.BooleanField(allow_null=True, help_text="Its order provides for a mayor (the law); null if unverified.")
    tier_periods = TierPeriodSerializer(many=True, help_text="Strategic-authority tiers, oldest first; each runs until the next.")

    class Meta:
        model = Authority
        fields = ["id", "code", "name", "short_name", "kind", "kind_label", "has_mayor", "established",
                  "abolished", "is_active", "regions", "members", "mayoral", "first_mayoral_election",
                  "integrated_settlement_from", "devolution_priority_programme", "tier_periods"]

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


class OwnAnswerSerializer(serializers.ModelSerializer):
    level = serializers.IntegerField(source="score", allow_null=True, min_value=0, max_value=4)
    evidence_url = serializers.SerializerMethodField(
        help_text="The first link among the answer's evidence (its library items), or empty. Documents are not served by the API."
    )

    class Meta:
        model = Answer
        fields = ["level", "not_applicable", "justification", "evidence_url", "answered_at"]

    @extend_schema_field(OpenApiTypes.STR)
    def get_evidence_url(self, answer: Answer) -> str:
        # Items and versions come prefetched with the answers (assessments.selectors.assessments).
        for shown in shown_for_answer(answer):
            if not shown.version.is_document:
                return shown.version.url
        return ""


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


# --- Official statistics (ONS local indicators) ------------------------------------------------


class IndicatorFilters(serializers.Serializer):
    mission = serializers.ChoiceField(choices=Mission.choices, required=False,
                                      help_text="Only indicators of this Levelling Up mission (0: net zero, context).")


class IndicatorValueFilters(serializers.Serializer):
    """The national indicators page's filters and sort, for one indicator's column."""

    kind = serializers.ChoiceField(choices=AuthorityKind.choices, required=False, help_text="Only authorities of this kind.")
    tier = serializers.ChoiceField(choices=TIER_CHOICES, required=False, help_text="Only authorities in this strategic-authority tier today.")
    region = serializers.CharField(max_length=100, required=False,
                                   help_text="Only authorities with a current member council in this region (exact name).")
    sort = serializers.ChoiceField(choices=["name", "value"], required=False,
                                   help_text="name, or value (the authority's own latest value; those without one last).")
    order = serializers.ChoiceField(choices=["asc", "desc"], required=False, help_text="Default: asc.")


class SourceSerializer(serializers.Serializer):
    dataset = serializers.CharField(source="slug", help_text="The ONS folder the indicator was imported from.")
    organisation = serializers.CharField(source="source_org")
    url = serializers.URLField(source="source_url")
    release_date = serializers.DateField()
    imported_at = serializers.DateTimeField()


class PeriodValueSerializer(serializers.Serializer):
    """One published figure: ONS's value for the area in a period (ISO 8601 start date and length in months)."""

    period = serializers.CharField(help_text="As the pages show it: 2023, 2021 to 2023, or a date for a snapshot.")
    period_start = serializers.DateField()
    period_months = serializers.IntegerField(help_text="12 for a year, 36 for three years, 0 for a snapshot on one date.")
    value = serializers.FloatField(allow_null=True, help_text="null where ONS publishes no figure (see status).")

    @staticmethod
    def data_for(*, label: str, key: tuple, value: float | None, **extra) -> dict:
        return {"period": label, "period_start": key[0], "period_months": key[1], "value": value, **extra}


class PointSerializer(PeriodValueSerializer):
    lower = serializers.FloatField(allow_null=True, help_text="Lower 95% confidence bound, where published.")
    upper = serializers.FloatField(allow_null=True, help_text="Upper 95% confidence bound, where published.")
    status = serializers.CharField(help_text="ONS's status code for a missing or unreliable figure (x, u, c), or empty.")

    @classmethod
    def data_for_point(cls, point) -> dict | None:
        if point is None:
            return None
        return cls.data_for(label=point.period_label, key=point.key, value=point.value, lower=point.lower,
                            upper=point.upper, status=point.status)


class IndicatorSerializer(serializers.ModelSerializer):
    mission = serializers.ChoiceField(choices=Mission.choices)
    mission_label = serializers.CharField(source="get_mission_display")
    source = SourceSerializer(source="dataset")
    england = serializers.SerializerMethodField(help_text="England's latest value; null where ONS publishes none (GVA).")

    class Meta:
        model = Indicator
        fields = ["id", "slug", "name", "label", "subtitle", "description", "caveats", "measure", "unit", "prefix",
                  "suffix", "decimal_places", "mission", "mission_label", "higher_is_better", "polarity_reason",
                  "source", "england"]

    @extend_schema_field(PeriodValueSerializer(allow_null=True))
    def get_england(self, indicator: Indicator) -> dict | None:
        cell = self.context["england"].get(indicator.pk)
        if cell is None or cell.value is None:
            return None
        return PeriodValueSerializer(PeriodValueSerializer.data_for(label=cell.period, key=cell.period_key, value=cell.value)).data


class NamedValueSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    value = serializers.FloatField()


class CouncilRangeSerializer(serializers.Serializer):
    """Member councils' values in their newest period, where ONS publishes none for the authority itself."""

    period = serializers.CharField()
    period_start = serializers.DateField()
    period_months = serializers.IntegerField()
    lowest = NamedValueSerializer()
    median = serializers.FloatField(help_text="Median of the councils' values: never a mean of rates.")
    highest = NamedValueSerializer()
    published = serializers.IntegerField(help_text="Member councils with a value in that period.")
    members = serializers.IntegerField()
    values = NamedValueSerializer(many=True, help_text="Every published council's value, lowest first.")

    @staticmethod
    def data_for(councils) -> dict | None:
        if councils is None:
            return None
        named = lambda n: {"code": n.code, "name": n.name, "value": n.value}  # noqa: E731
        return {
            "period": councils.period_label, "period_start": councils.period_key[0], "period_months": councils.period_key[1],
            "lowest": named(councils.lowest), "median": councils.median, "highest": named(councils.highest),
            "published": councils.published, "members": councils.members, "values": [named(n) for n in councils.values],
        }


BASIS_CHOICES = [
    ("authority", "ONS publishes a value for the authority itself"),
    ("councils", "ONS publishes none for the authority: its member councils' values are given"),
    ("none", "Neither the authority nor its councils have a value"),
]


class IndicatorValueSerializer(serializers.Serializer):
    """One authority's latest value of an indicator: a row of the national indicators page."""

    authority = AuthorityRefSerializer()
    basis = serializers.ChoiceField(choices=BASIS_CHOICES)
    latest = PeriodValueSerializer(allow_null=True, help_text="The authority's own latest value; null unless basis is authority.")
    councils = CouncilRangeSerializer(allow_null=True, help_text="Only where basis is councils.")

    @staticmethod
    def data_for(authority, cell, regions: list[str]) -> dict:
        latest = None
        if cell.value is not None:
            latest = PeriodValueSerializer.data_for(label=cell.period, key=cell.period_key, value=cell.value)
        return {
            "authority": {"id": authority.pk, "name": authority.name, "short_name": authority.short_name,
                          "code": authority.code or None, "kind": authority.kind, "regions": regions},
            "basis": cell.basis, "latest": latest, "councils": CouncilRangeSerializer.data_for(cell.councils),
        }


class IndicatorRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    label = serializers.CharField()
    mission = serializers.ChoiceField(choices=Mission.choices)
    higher_is_better = serializers.BooleanField()
    decimal_places = serializers.IntegerField()
    unit = serializers.CharField(help_text="What the number counts: £, %, per 100,000 population...")


class AuthorityIndicatorSerializer(serializers.Serializer):
    """One indicator on an authority's profile: latest, previous, change, England, rank, trend, or its councils."""

    indicator = IndicatorRefSerializer()
    source = SourceSerializer()
    basis = serializers.ChoiceField(choices=BASIS_CHOICES)
    latest = PointSerializer(allow_null=True)
    previous = PointSerializer(allow_null=True)
    change = serializers.FloatField(allow_null=True, help_text="latest minus previous.")
    improvement = serializers.BooleanField(allow_null=True, help_text="Whether the change is for the better; null if none.")
    england = PointSerializer(allow_null=True, help_text="England in the latest value's period.")
    rank = serializers.IntegerField(allow_null=True, help_text="1 is the best, in the indicator's direction; ties share.")
    ranked = serializers.IntegerField(help_text="Combined authorities with a value in the latest value's period.")
    series = PointSerializer(many=True, help_text="Every period ONS publishes for the authority, oldest first.")
    councils = CouncilRangeSerializer(allow_null=True)

    @staticmethod
    def data_for(figures) -> dict:
        indicator = figures.indicator
        return {
            "indicator": {"id": indicator.pk, "slug": indicator.slug, "label": indicator.label, "mission": indicator.mission,
                          "higher_is_better": indicator.higher_is_better, "decimal_places": indicator.decimal_places,
                          "unit": figures.unit},
            "source": indicator.dataset,
            "basis": figures.basis,
            "latest": PointSerializer.data_for_point(figures.latest),
            "previous": PointSerializer.data_for_point(figures.previous),
            "change": figures.change,
            "improvement": figures.improvement,
            "england": PointSerializer.data_for_point(figures.england),
            "rank": figures.rank,
            "ranked": figures.ranked,
            "series": [PointSerializer.data_for_point(p) for p in figures.series],
            "councils": CouncilRangeSerializer.data_for(figures.councils),
        }


class AuthorityStatisticsSerializer(serializers.Serializer):
    authority = AuthorityRefSerializer()
    licence = serializers.CharField()
    indicators = AuthorityIndicatorSerializer(many=True)
