"""Shared test builders beyond the factories: states, answers by criterion code, moderations, whole rounds.

``tests/factories.py`` makes single rows; these put several together the way tests of
dashboards, scores, review and the API need them::

    set_state(assessment, AssessmentState.SUBMITTED)           # who/when submitted filled in
    answer_every_criterion(assessment, score=3)                # (tests.factories) every criterion at 3
    answer_by_code(assessment, {"1.1": 4, "3.3": "na"})        # chosen criteria only
    moderate(assessment, "1.1", 2)                             # a reviewer's moderated level
    populate(round_, 50, state=AssessmentState.APPROVED)       # 50 authorities, fully answered (bulk)
"""
from django.utils import timezone

from assessments.models import (
    Answer,
    Assessment,
    AssessmentState,
    AuthorityKind,
    Constituent,
    Criterion,
    Landscape,
    LocalAuthority,
    Moderation,
)
from assessments.services.scores import assessment_score_refresh, round_scores_refresh
from evidence.demo import link_evidence_bulk_seed
from tests.factories import AnswerFactory, AssessmentFactory, AuthorityFactory, ReviewerFactory, UserFactory


def set_state(assessment: Assessment, state: str, *, by=None, submitted_at=None) -> Assessment:
    """Move an assessment to any state directly (test set-up only: the review workflow is not under test).

    Every state but draft gets who and when it was submitted: ``by`` and ``submitted_at`` if
    given, else what it already has, else a new official and now.
    """
    assessment.state = state
    if state != AssessmentState.DRAFT:
        assessment.submitted_at = submitted_at or assessment.submitted_at or timezone.now()
        assessment.submitted_by = by or assessment.submitted_by or UserFactory()
    assessment.save()
    return assessment


def answer_by_code(assessment: Assessment, levels: dict[str, object]) -> None:
    """Answer the criteria named by code: a level, or "na". Criteria not named stay unanswered."""
    criteria = Criterion.objects.filter(step__framework=assessment.round.framework).order_by("step__number", "position")
    for criterion in criteria:
        level = levels.get(criterion.code)
        if level is None:
            continue
        if level == "na":
            AnswerFactory(assessment=assessment, criterion=criterion, na=True)
        else:
            AnswerFactory(assessment=assessment, criterion=criterion, score=level)


def moderate(assessment: Assessment, code: str, level, reviewer=None) -> Moderation:
    """A reviewer's moderated level (or "na") for the criterion with this code."""
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
    assessment_score_refresh(assessment=assessment)  # as the moderation service does
    return moderation


def populate(round_, count: int, *, state=AssessmentState.SUBMITTED, level: int = 2, kind=AuthorityKind.MCA,
             region="North West", authorities=None) -> list[Assessment]:
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
