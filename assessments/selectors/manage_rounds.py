"""Reads for the round and framework administration pages."""
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from assessments.deadlines import assessment_is_late
from assessments.models import Assessment, AssessmentState, Framework, Round
from assessments.models.rounds import EDITABLE_STATES


def round_list() -> QuerySet[Round]:
    """Every round with its framework and ``assessment_count`` / ``submitted_count`` (one query)."""
    return Round.objects.select_related("framework").annotate(
        assessment_count=Count("assessments"),
        submitted_count=Count("assessments", filter=~Q(assessments__state=AssessmentState.DRAFT)),
    ).order_by("-opens_on", "-pk")


def round_assessments(*, round_: Round) -> QuerySet[Assessment]:
    return Assessment.objects.filter(round=round_).select_related("authority", "round").order_by("authority__name")


@dataclass(frozen=True)
class RoundAssessmentRow:
    """An assessment as the round's admin page lists it."""

    assessment: Assessment
    is_late: bool  # assessments.deadlines, the one definition
    owed: bool  # the authority still owes a submission, so its deadline can be changed (or reopened)


def round_assessment_rows(assessments: Iterable[Assessment]) -> list[RoundAssessmentRow]:
    """Rows for assessments from ``round_assessments`` (their rounds already loaded: no queries)."""
    return [
        RoundAssessmentRow(assessment=a, is_late=assessment_is_late(a), owed=a.state in EDITABLE_STATES)
        for a in assessments
    ]


def round_state_counts(*, round_: Round) -> list[tuple[str, int]]:
    """(state label, how many) for every assessment state, for the round's summary (one query)."""
    rows = Assessment.objects.filter(round=round_).values("state").annotate(total=Count("pk"))
    totals = {row["state"]: row["total"] for row in rows}
    return [(state.label.lower(), totals.get(state.value, 0)) for state in AssessmentState]


def framework_list() -> QuerySet[Framework]:
    """Versions with ``criterion_count``, ``round_count`` and ``used`` (frozen), in one query."""
    used = Assessment.objects.filter(round__framework=OuterRef("pk"))
    return Framework.objects.annotate(
        criterion_count=Count("steps__criteria", distinct=True),
        round_count=Count("rounds", distinct=True),
        used=Exists(used),
    ).order_by("name", "-version")
