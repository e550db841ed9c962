"""Test data builders (factory_boy). Every factory saves to the database unless ``.build()``.

Each default is valid against the database's constraints, so a test only states what it
is about::

    framework = framework_with_criteria()            # 8 steps x 3 criteria, 3.3 and 5.2 N/A-able
    assessment = AssessmentFactory(round=RoundFactory(framework=framework))
    AnswerFactory(assessment=assessment)             # next unanswered criterion, level 2, justified
    AnswerFactory(assessment=assessment, score=4)    # levels 3-4 get an https evidence link
    AnswerFactory(assessment=assessment, na=True)    # N/A (pick an N/A-able criterion yourself)

People (password ``PASSWORD`` for all)::

    UserFactory()                                    # a local official with no access
    UserFactory(editor_of=authority)                 # ... who edits that authority
    UserFactory(viewer_of=authority)                 # ... who may only read it
    ReviewerFactory(), LeadReviewerFactory(), AdminFactory()   # central staff
    AuthorityAccessFactory(user=u, authority=a, viewer=True)   # the access row itself

Places and rounds::

    AuthorityFactory()                    # a mayoral combined authority, code E479xxxxx
    AuthorityFactory(code=None)           # a new body without a GSS code yet
    RoundFactory()                        # open today, on a fresh framework_with_criteria()
    RoundFactory(closed=True) / RoundFactory(not_yet_open=True)
    AssessmentFactory(submitted=True)     # submitted, with who and when
"""
import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from assessments.models import (
    Answer,
    Assessment,
    AssessmentState,
    Authority,
    AuthorityAccess,
    AuthorityAccessLevel,
    AuthorityKind,
    CentralRole,
    Criterion,
    Framework,
    FrameworkStatus,
    Round,
    RoundState,
    Step,
    User,
)
from assessments.services.scores import assessment_score_refresh

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.gov.uk")
    full_name = factory.Sequence(lambda n: f"Test Person {n}")
    password = factory.django.Password(PASSWORD)
    central_role = CentralRole.NONE

    class Params:
        reviewer = factory.Trait(central_role=CentralRole.REVIEWER)
        lead_reviewer = factory.Trait(central_role=CentralRole.LEAD_REVIEWER)
        admin = factory.Trait(central_role=CentralRole.ADMIN, is_staff=True)

    @factory.post_generation
    def editor_of(user, create, authority, **kwargs):
        if create and authority is not None:
            AuthorityAccess.objects.create(user=user, authority=authority, level=AuthorityAccessLevel.EDITOR)

    @factory.post_generation
    def viewer_of(user, create, authority, **kwargs):
        if create and authority is not None:
            AuthorityAccess.objects.create(user=user, authority=authority, level=AuthorityAccessLevel.VIEWER)


class ReviewerFactory(UserFactory):
    reviewer = True


class LeadReviewerFactory(UserFactory):
    lead_reviewer = True


class AdminFactory(UserFactory):
    admin = True


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authority

    # From E47900000 up: well clear of the real combined-authority codes (E47000001...),
    # so tests that also load fixtures/authorities never collide.
    code = factory.Sequence(lambda n: f"E479{n:05d}")
    short_name = factory.Sequence(lambda n: f"Testshire {n}")
    name = factory.LazyAttribute(lambda o: f"{o.short_name} Combined Authority")
    kind = AuthorityKind.MCA
    has_mayor = True


class AuthorityAccessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuthorityAccess

    user = factory.SubFactory(UserFactory)
    authority = factory.SubFactory(AuthorityFactory)
    level = AuthorityAccessLevel.EDITOR

    class Params:
        viewer = factory.Trait(level=AuthorityAccessLevel.VIEWER)


class FrameworkFactory(factory.django.DjangoModelFactory):
    """A framework version with no steps; use ``framework_with_criteria`` for a usable one."""

    class Meta:
        model = Framework

    name = factory.Sequence(lambda n: f"Test framework {n}")
    version = 1
    status = FrameworkStatus.PUBLISHED


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Step

    framework = factory.SubFactory(FrameworkFactory)
    number = 1
    title = factory.LazyAttribute(lambda o: f"Step {o.number} title")
    weight = Decimal(1)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    step = factory.SubFactory(StepFactory)
    position = 1
    code = factory.LazyAttribute(lambda o: f"{o.step.number}.{o.position}")
    title = factory.LazyAttribute(lambda o: f"Criterion {o.code}")
    guidance = factory.LazyAttribute(lambda o: f"What to consider for {o.code}.")
    weight = Decimal(1)
    allows_not_applicable = False
    not_applicable_guidance = factory.LazyAttribute(
        lambda o: f"When {o.code} does not apply." if o.allows_not_applicable else ""
    )
    level_0 = factory.LazyAttribute(lambda o: f"{o.code} level 0: nothing in place")
    level_1 = factory.LazyAttribute(lambda o: f"{o.code} level 1: initial")
    level_2 = factory.LazyAttribute(lambda o: f"{o.code} level 2: developing")
    level_3 = factory.LazyAttribute(lambda o: f"{o.code} level 3: established")
    level_4 = factory.LazyAttribute(lambda o: f"{o.code} level 4: embedded")


def framework_with_criteria(
    steps: int = 8, criteria_per_step: int = 3, na_codes: tuple[str, ...] = ("3.3", "5.2"), **framework_fields
) -> Framework:
    """A complete framework shaped like LIPSIT 2020: steps 1..``steps``, criteria "1.1", "1.2"...

    Criteria whose code is in ``na_codes`` allow "Not applicable". Extra keyword arguments
    go to ``FrameworkFactory`` (for example ``status=FrameworkStatus.DRAFT``).
    """
    framework = FrameworkFactory(**framework_fields)
    for number in range(1, steps + 1):
        step = StepFactory(framework=framework, number=number)
        for position in range(1, criteria_per_step + 1):
            code = f"{number}.{position}"
            CriterionFactory(step=step, position=position, code=code, allows_not_applicable=code in na_codes)
    return framework


class RoundFactory(factory.django.DjangoModelFactory):
    """An open round around today, on its own fresh framework unless one is given."""

    class Meta:
        model = Round

    name = factory.Sequence(lambda n: f"Test round {n}")
    framework = factory.LazyFunction(framework_with_criteria)
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=28))
    state = RoundState.OPEN

    class Params:
        closed = factory.Trait(
            state=RoundState.CLOSED,
            opens_on=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=60)),
            closes_on=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1)),
        )
        not_yet_open = factory.Trait(
            state=RoundState.DRAFT,
            opens_on=factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7)),
            closes_on=factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=35)),
        )


def _store_scores(assessment: Assessment) -> None:
    """What the services do in production: the stored results follow every write (reads never write)."""
    if not _deferred_scores:
        assessment_score_refresh(assessment=assessment)


_deferred_scores: list[bool] = []  # non-empty while answer_every_criterion stores once at the end


class AssessmentFactory(factory.django.DjangoModelFactory):
    """Saved with its stored results (``AssessmentScore``), as the services create assessments."""

    class Meta:
        model = Assessment

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            _store_scores(instance)

    round = factory.SubFactory(RoundFactory)
    authority = factory.SubFactory(AuthorityFactory)
    state = AssessmentState.DRAFT

    class Params:
        submitted = factory.Trait(
            state=AssessmentState.SUBMITTED,
            submitted_at=factory.LazyFunction(timezone.now),
            submitted_by=factory.SubFactory(UserFactory),
        )


def _next_unanswered_criterion(answer) -> Criterion | None:
    criteria = Criterion.objects.filter(step__framework_id=answer.assessment.round.framework_id)
    if answer.assessment.pk is not None:  # an unsaved (built) assessment has no answers yet
        criteria = criteria.exclude(answers__assessment=answer.assessment)
    return criteria.order_by("step__number", "position").first()


class AnswerFactory(factory.django.DjangoModelFactory):
    """A valid answer: level 2 with a justification; levels 3 and 4 also get evidence.

    Saving it refreshes the assessment's stored results, as the answer services do.
    """

    class Meta:
        model = Answer

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            _store_scores(instance.assessment)

    assessment = factory.SubFactory(AssessmentFactory)
    criterion = factory.LazyAttribute(_next_unanswered_criterion)
    score = 2
    not_applicable = False
    justification = factory.LazyAttribute(lambda o: f"Agreed by the board; see the minutes for {o.criterion.code}.")
    # Not a column: a link in the authority's evidence library, attached after the answer is made.
    evidence_url = factory.LazyAttribute(
        lambda o: f"https://example.gov.uk/evidence/{o.criterion.code}" if (o.score or 0) >= 3 else ""
    )
    answered_by = factory.SubFactory(UserFactory)
    answered_at = factory.LazyFunction(timezone.now)

    class Params:
        na = factory.Trait(score=None, not_applicable=True)
        unanswered = factory.Trait(score=None, justification="", answered_by=None, answered_at=None)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs.pop("evidence_url", None)
        return super()._build(model_class, *args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        url = kwargs.pop("evidence_url", "")
        if url:
            kwargs.setdefault("evidence_count", 1)
        answer = super()._create(model_class, *args, **kwargs)
        if url:
            attach_evidence_link(answer, url)
        return answer


def attach_evidence_link(answer: Answer, url: str):
    """The authority's library link for ``url`` (made once), attached to ``answer``; returns the item."""
    from evidence.models import AnswerEvidence, EvidenceItem, EvidenceVersion

    authority = answer.assessment.authority
    item = EvidenceItem.objects.filter(authority=authority, kind="link", versions__url=url).first()
    if item is None:
        by = answer.answered_by or UserFactory()
        item = EvidenceItem.objects.create(authority=authority, title=url, kind="link", created_by=by)
        EvidenceVersion.objects.create(item=item, number=1, url=url, created_by=by)
    AnswerEvidence.objects.get_or_create(answer=answer, item=item)
    return item


# --- Central review (appended) ------------------------------------------------------


class ModerationFactory(factory.django.DjangoModelFactory):
    """A reviewer's moderated level for one criterion (pass ``assessment`` and ``criterion``)."""

    class Meta:
        model = "assessments.Moderation"

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:  # as the moderation service does
            _store_scores(instance.assessment)

    assessment = factory.SubFactory(AssessmentFactory, submitted=True)
    score = 1
    not_applicable = False
    reason = "The evidence shows the plan is not yet agreed by every council."
    moderated_by = factory.SubFactory(ReviewerFactory)
    moderated_at = factory.LazyFunction(timezone.now)


class ReviewCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "assessments.ReviewComment"

    assessment = factory.SubFactory(AssessmentFactory, submitted=True)
    criterion = None
    author = factory.SubFactory(ReviewerFactory)
    body = "Please link to the signed agreement."


def answer_every_criterion(assessment: Assessment, score: int = 2) -> list[Answer]:
    """A valid answer at ``score`` for every criterion of the assessment's framework."""
    criteria = Criterion.objects.filter(step__framework_id=assessment.round.framework_id).order_by("step__number", "position")
    _deferred_scores.append(True)
    try:
        answers = [AnswerFactory(assessment=assessment, criterion=criterion, score=score) for criterion in criteria]
    finally:
        _deferred_scores.pop()
    _store_scores(assessment)
    return answers
