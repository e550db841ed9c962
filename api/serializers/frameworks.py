"""Frameworks as the API gives them: steps, criteria, weights and level descriptors."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from assessments.models import Criterion, Framework, FrameworkStatus, Step


class FrameworkRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Framework
        fields = ["id", "name", "version"]


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
