"""Official statistics (ONS local indicators): indicators, their sources and each authority's figures."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from assessments.models import AuthorityKind
from assessments.selectors.devolution import TIER_CHOICES
from official_statistics.models import Indicator, Mission

from .authorities import AuthorityRefSerializer


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
