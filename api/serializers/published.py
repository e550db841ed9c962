"""Published rounds: what anyone may read once a round's results are published."""
from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework import serializers

from assessments.models import Round

from .authorities import AuthorityRefSerializer
from .frameworks import FrameworkRefSerializer
from .scores import ResultSerializer, SpreadSerializer, StepSpreadSerializer

if TYPE_CHECKING:
    from api.selectors import PublishedFigures


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

    @classmethod
    def data_for(cls, figures: PublishedFigures) -> dict:
        """The round's own fields, then its national figures (``api.selectors.published_figures``)."""
        shown = {name: getattr(figures.round, name) for name in PublishedRoundSerializer.Meta.fields}
        return cls({
            **shown,
            "approved": figures.approved,
            "readiness_index": SpreadSerializer.data_for(figures.readiness_index),
            "steps": [
                {"number": step.number, "title": step.title, **SpreadSerializer.data_for(spread)}
                for step, spread in figures.steps
            ],
        }).data


class PublishedResultSerializer(serializers.Serializer):
    authority = AuthorityRefSerializer()
    result = ResultSerializer()
