"""Builders for dashboard tests: rounds full of authorities with chosen answers and moderations."""
import datetime

import pytest

from evidence.demo import link_evidence_bulk_seed
from django.utils import timezone

from assessments.models import Answer, AssessmentState, AuthorityKind, Constituent, Criterion, Landscape, LocalAuthority, Moderation
from assessments.services.scores import assessment_score_refresh, round_scores_refresh
from tests.factories import AnswerFactory, AssessmentFactory, AuthorityFactory, ReviewerFactory, UserFactory

STATE_FIELDS = {"submitted_at": None, "submitted_by": None}


def set_state(assessment, state: str, *, submitted_at=None):
    """Move an assessment to any state directly (the review workflow is not under test here)."""
    assessment.state = state
    if state != AssessmentState.DRAFT:
        assessment.submitted_at = submitted_at or timezone.now()
        assessment.submitted_by = assessment.submitted_by or UserFactory()
    assessment.save()
    return assessment


def answer_all(assessment, levels: dict[str, object] | int = 2):
    """Answer criteria by code: an int level, "na", or None (no row). An int answers every criterion."""
    criteria = Criterion.objects.filter(step__framework=assessment.round.framework).order_by("step__number", "position")
    for criterion in criteria:
        level = levels if isinstance(levels, int) else levels.get(criterion.code, None)
        if level is None:
            continue
        if level == "na":
            AnswerFactory(assessment=assessment, criterion=criterion, na=True)
        else:
            AnswerFactory(assessment=assessment, criterion=criterion, score=level)


def moderate(assessment, code: str, level, reviewer=None):
    """A moderation written directly, then the stored results refreshed as the moderation service does."""
    criterion = Criterion.objects.get(step__framework=assessment.round.framework, code=code)
    moderation = Moderation.objects.create(
        assessment=assessment,
        criterion=criterion,
        score=None if level == "na" else level,
        not_applicable=level == "na",
        reason="Evidence does not support the level claimed.",
        moderated_by=reviewer or ReviewerFactory(),
        moderated_at=timezone.now(),
    )
    assessment_score_refresh(assessment=assessment)
    return moderation


def populate(round_, count: int, *, state=AssessmentState.SUBMITTED, level: int = 2, kind=AuthorityKind.MCA,
             region="North West", authorities=None):
    """``count`` authorities in the round, each fully answered at ``level`` and in ``state`` (bulk inserts)."""
    local = LocalAuthority.objects.create(
        code=f"X{LocalAuthority.objects.count():08d}", name=f"Council in {region}", region=region
    )
    person = UserFactory()
    criteria = list(Criterion.objects.filter(step__framework=round_.framework))
    made = []
    for index in range(count):
        if authorities:
            authority = authorities[index]
        else:
            authority = AuthorityFactory(kind=kind)
            Constituent.objects.create(authority=authority, local_authority=local, landscape=Landscape.CURRENT)
        extra = {} if state == AssessmentState.DRAFT else {"submitted_at": timezone.now(), "submitted_by": person}
        made.append(AssessmentFactory(round=round_, authority=authority, state=state, **extra))
    answers = Answer.objects.bulk_create(
        Answer(assessment=a, criterion=c, score=level, justification="Agreed by the board.",
               evidence_count=1 if level >= 3 else 0, answered_by=person, answered_at=timezone.now())
        for a in made for c in criteria
    )
    link_evidence_bulk_seed(answers=answers, urls={a.pk: "https://example.gov.uk/e" for a in answers if a.evidence_count})
    round_scores_refresh(round_=round_)  # bulk inserts bypass the services: store the results as they would
    return made


@pytest.fixture
def yesterday():
    return timezone.now() - datetime.timedelta(days=1)
