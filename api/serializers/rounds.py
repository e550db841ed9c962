"""Assessment rounds: the full reference record and the short reference other records embed."""
from __future__ import annotations

from rest_framework import serializers

from assessments.models import AuthorityKind, Landscape, Round, RoundState

from .frameworks import FrameworkRefSerializer


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


class RoundRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
