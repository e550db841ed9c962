"""Published rounds: what anyone may read once a round's results are published."""
from __future__ import annotations

from rest_framework import serializers

from assessments.models import Round

from .authorities import AuthorityRefSerializer
from .frameworks import FrameworkRefSerializer
from .scores import ResultSerializer, SpreadSerializer, StepSpreadSerializer


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
