"""An assessment's answers criterion by criterion: the authority's own and the reviewer's."""
from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from assessments.models import Answer, Moderation
from assessments.selectors.assessments import CriterionRow


class OwnAnswerSerializer(serializers.ModelSerializer):
    level = serializers.IntegerField(source="score", allow_null=True, min_value=0, max_value=4)
    evidence_url = serializers.SerializerMethodField(
        help_text=(
            "The first link among the answer's evidence (its library items), or empty. Once submitted, the "
            "versions the latest submission cited, whatever the library holds now. Documents are not served by the API."
        )
    )

    class Meta:
        model = Answer
        fields = ["level", "not_applicable", "justification", "evidence_url", "answered_at"]

    @extend_schema_field(OpenApiTypes.STR)
    def get_evidence_url(self, answer: Answer) -> str:
        # What the answer shows, read once for all the answers by the view (context "evidence", from
        # evidence.selectors.evidence_by_answer): the versions a sent assessment's submission cited.
        return next((entry.url for entry in self.context["evidence"].get(answer.pk, []) if not entry.is_document), "")


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

    @staticmethod
    def data_for(row: CriterionRow) -> dict:
        effective = row.effective
        return {
            "criterion_id": row.criterion.pk, "criterion_code": row.criterion.code, "step_number": row.step.number,
            "self_assessed": row.answer, "moderated": row.moderation,
            "effective_level": effective.score, "effective_not_applicable": effective.not_applicable,
        }
