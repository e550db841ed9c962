"""The authority's last approved assessment before this one, and what starting from it would copy.

``copy_plan`` is the one rule for what "Start from your previous round" copies: the
task list promises ``len(copy_plan(...))`` answers and the copying service copies exactly
that plan, so the number promised is the number copied.
"""
from dataclasses import dataclass

from django.db.models import Prefetch

from assessments.models import Answer, Assessment, AssessmentState, Criterion
from assessments.models.rounds import EVIDENCE_REQUIRED_FROM
from evidence.models import AnswerEvidence, EvidenceItem, EvidenceVersion
from evidence.validators import link_problem


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


def evidence_still_valid(item: EvidenceItem) -> bool:
    """Whether a library item can still be attached: not retired, and a link still passes today's rules."""
    if item.is_retired:
        return False
    latest = max(item.versions.all(), key=lambda version: version.number)
    return latest.is_document or link_problem(latest.url) is None


@dataclass(frozen=True)
class PlannedCopy:
    criterion: Criterion  # in the new framework version
    previous: Answer
    evidence_items: tuple  # the old answer's library items that can still be attached

    @property
    def complete(self) -> bool:
        """False when the level needs evidence the old items can no longer give: copied as in progress."""
        score = self.previous.score
        return score is None or score < EVIDENCE_REQUIRED_FROM or bool(self.evidence_items)


def copy_plan(*, assessment: Assessment, previous: Assessment) -> list[PlannedCopy]:
    """What copying ``previous`` into ``assessment`` would copy, criterion by criterion (five queries).

    Matched by criterion code; only criteria the editor has not touched (no answer, none in
    progress); N/A only where the new version still allows it; evidence only where still valid.
    """
    criteria = {
        c.code: c for c in Criterion.objects.filter(step__framework_id=assessment.round.framework_id)
    }
    touched = set(
        Answer.objects.filter(assessment=assessment)
        .exclude(score__isnull=True, not_applicable=False, in_progress=False)
        .values_list("criterion_id", flat=True)
    )
    plan = []
    previous_answers = (
        Answer.objects.filter(assessment=previous, in_progress=False)
        .exclude(score__isnull=True, not_applicable=False)
        .select_related("criterion")
        .prefetch_related(Prefetch(
            "evidence_links",
            queryset=AnswerEvidence.objects.select_related("item").prefetch_related(
                Prefetch("item__versions", queryset=EvidenceVersion.objects.order_by("-number"))
            ),
        ))
        .order_by("criterion__step__number", "criterion__position")
    )
    for old in previous_answers:
        criterion = criteria.get(old.criterion.code)
        if criterion is None or criterion.pk in touched:
            continue
        if old.not_applicable and not criterion.allows_not_applicable:
            continue  # the new version no longer allows N/A here: the editor must choose a level
        evidence = tuple(link.item for link in old.evidence_links.all() if evidence_still_valid(link.item))
        plan.append(PlannedCopy(criterion=criterion, previous=old, evidence_items=evidence))
    return plan


def previous_round_offer(*, assessment: Assessment, can_edit: bool) -> dict:
    """What the task list offers: start from the last approved answers, while that would copy something.

    Shown to editors while their draft has unanswered criteria the last approved assessment answered.
    """
    if not can_edit:
        return {"show": False}
    previous = previous_approved_assessment(assessment=assessment)
    count = len(copy_plan(assessment=assessment, previous=previous)) if previous else 0
    return {"show": count > 0, "previous": previous, "count": count}
