"""The authority's last approved assessment before this one, to start a new draft from."""
from assessments.models import Answer, Assessment, AssessmentState


def previous_approved_assessment(*, assessment: Assessment) -> Assessment | None:
    """The most recent approved assessment of the same authority in an earlier round (one query)."""
    return (
        Assessment.objects.filter(authority_id=assessment.authority_id, state=AssessmentState.APPROVED)
        .exclude(round_id=assessment.round_id)
        .filter(round__opens_on__lte=assessment.round.opens_on)
        .select_related("round")
        .order_by("-round__opens_on", "-round__created_at")
        .first()
    )


def copyable_codes(*, assessment: Assessment, previous: Assessment) -> set[str]:
    """Criterion codes answered in ``previous`` that are still unanswered in ``assessment``."""
    answered_now = Answer.objects.filter(assessment=assessment).exclude(score__isnull=True, not_applicable=False)
    previous_answers = Answer.objects.filter(assessment=previous).exclude(score__isnull=True, not_applicable=False)
    codes = set(previous_answers.values_list("criterion__code", flat=True))
    codes &= set(
        assessment.round.framework.steps.values_list("criteria__code", flat=True)
    )
    return codes - set(answered_now.values_list("criterion__code", flat=True))
