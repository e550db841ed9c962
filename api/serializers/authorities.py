"""Authorities: their filters, members and tiers, and the short reference other records embed."""
from __future__ import annotations

from rest_framework import serializers

from assessments.models import Authority, AuthorityKind, Landscape, StrategicTier
from assessments.selectors.devolution import TIER_CHOICES

from ..selectors import current_regions


class AuthorityFilters(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AuthorityKind.choices, required=False, help_text="Only this kind.")
    tier = serializers.ChoiceField(choices=TIER_CHOICES, required=False, help_text="Only authorities in this strategic-authority tier today.")
    region = serializers.CharField(max_length=100, required=False,
                                   help_text="Only authorities with a current member council in this region.")
    active = serializers.BooleanField(required=False, allow_null=True, default=None,
                                      help_text="true: not abolished; false: abolished.")


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


class AuthorityRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    code = serializers.CharField(allow_null=True)
    kind = serializers.ChoiceField(choices=AuthorityKind.choices)
    regions = serializers.ListField(child=serializers.CharField())
