"""seed_demo: refused without DEBUG, creates the documented demo, and is safe to re-run."""
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Avg, Count
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
    Landscape,
    Round,
    RoundState,
    User,
)
from assessments.services.demo import BASELINE_ROUND, CURRENT_ROUND, DemoRefused, demo_seed
from assessments.services.demo_users import DEMO_PASSWORD, DEMO_USERS

GM, WM = "E47000001", "E47000007"


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = (User, AuthorityAccess, Round, Assessment, Answer, Authority, Criterion)
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        seed()

    assert counts() == dict.fromkeys(counts(), 0)


@pytest.mark.django_db
def test_service_refuses_without_debug_too(settings):
    settings.DEBUG = False
    with pytest.raises(DemoRefused, match="only created with DEBUG on"):
        demo_seed()


@pytest.mark.django_db
def test_creates_the_demo_users(settings):
    settings.DEBUG = True

    output = seed()

    for spec in DEMO_USERS:
        user = User.objects.get(email=spec.email)
        assert user.check_password(DEMO_PASSWORD) and user.is_active and user.full_name
        assert spec.email in output
    assert DEMO_PASSWORD in output
    admin = User.objects.get(email="admin@example.gov.uk")
    assert admin.central_role == CentralRole.ADMIN and admin.is_staff and admin.is_superuser
    assert User.objects.get(email="reviewer@example.gov.uk").central_role == CentralRole.REVIEWER
    assert User.objects.get(email="lead.reviewer@example.gov.uk").central_role == CentralRole.LEAD_REVIEWER
    rows = AuthorityAccess.objects.select_related("user", "authority")
    access = {(row.user.email, row.authority.code, row.level) for row in rows}
    assert access == {
        ("gm.editor@example.gov.uk", GM, AuthorityAccessLevel.EDITOR),
        ("gm.viewer@example.gov.uk", GM, AuthorityAccessLevel.VIEWER),
        ("wm.editor@example.gov.uk", WM, AuthorityAccessLevel.EDITOR),
    }
    # Nobody can sign in as the user behind the other demo returns.
    assert not User.objects.filter(is_active=True).exclude(email__in=[spec.email for spec in DEMO_USERS]).exists()


@pytest.mark.django_db
def test_baseline_2020_round_is_closed_and_complete(settings):
    settings.DEBUG = True
    seed()

    baseline = Round.objects.get(name=BASELINE_ROUND)
    assert (baseline.state, baseline.landscape) == (RoundState.CLOSED, Landscape.NOV_2020)
    assert baseline.framework.name == "LIPSIT 2020"
    assert (baseline.opens_on.isoformat(), baseline.closes_on.isoformat()) == ("2020-11-01", "2021-01-31")
    assessments = baseline.assessments.select_related("authority")
    kinds = [a.authority.kind for a in assessments]
    assert kinds.count(AuthorityKind.LEP) == 38 and len(kinds) == 48
    criteria = Criterion.objects.filter(step__framework=baseline.framework).count()
    for assessment in assessments.annotate(answered=Count("answers")):
        assert assessment.state == AssessmentState.APPROVED
        assert assessment.submitted_at and assessment.submitted_by
        assert assessment.answered == criteria
    answers = Answer.objects.filter(assessment__round=baseline)
    assert not answers.filter(score__isnull=True, not_applicable=False).exists()
    assert not answers.filter(not_applicable=True, criterion__allows_not_applicable=False).exists()
    lep_answers = answers.filter(assessment__authority__kind=AuthorityKind.LEP)
    assert lep_answers.filter(not_applicable=True, criterion__code="3.3").exists()
    assert not answers.filter(justification="").exists()
    # Every level 3 or 4 carries a link from the authority's evidence library, and its count says so.
    assert not answers.filter(score__gte=3, evidence_links__isnull=True).exists()
    assert answers.filter(score__lt=3, evidence_links__isnull=False).exists()
    assert not answers.filter(evidence_count=0, evidence_links__isnull=False).exists()
    assert set(answers.values_list("score", flat=True).distinct()) >= {0, 1, 2, 3, 4}
    mca = answers.filter(assessment__authority__status_nov_2020="mca").aggregate(avg=Avg("score"))["avg"]
    lep = lep_answers.aggregate(avg=Avg("score"))["avg"]
    assert mca > lep + 0.5


@pytest.mark.django_db
def test_current_round_is_open_with_work_in_every_state(settings):
    settings.DEBUG = True
    seed()

    today = timezone.localdate()
    current = Round.objects.get(name=CURRENT_ROUND)
    assert (current.state, current.landscape) == (RoundState.OPEN, Landscape.CURRENT)
    assert (current.opens_on, current.closes_on) == (today - timedelta(days=30), today + timedelta(days=21))
    active = Authority.objects.filter(abolished__isnull=True).exclude(kind=AuthorityKind.LEP)
    assert set(current.assessments.values_list("authority", flat=True)) == set(active.values_list("pk", flat=True))

    gm = current.assessments.get(authority__code=GM)
    answered_by_step = {}
    for answer in gm.answers.select_related("criterion__step"):
        answered_by_step.setdefault(answer.criterion.step.number, []).append(answer)
    assert gm.state == AssessmentState.DRAFT
    assert [len(answered_by_step.get(step, [])) for step in range(1, 9)] == [3, 3, 3, 1, 0, 0, 0, 0]
    assert {answer.answered_by.email for answer in gm.answers.all()} == {"gm.editor@example.gov.uk"}
    wm = current.assessments.get(authority__code=WM)
    assert wm.state == AssessmentState.DRAFT and 0 < wm.answers.count() < 6

    criteria = Criterion.objects.filter(step__framework=current.framework).count()
    others = current.assessments.exclude(authority__code__in=[GM, WM]).annotate(answered=Count("answers"))
    submitted = [a for a in others if a.state != AssessmentState.DRAFT]
    assert len(submitted) == 5 and all(a.answered == criteria and a.submitted_at for a in submitted)
    assert sorted(a.state for a in submitted) == sorted(
        [AssessmentState.APPROVED, AssessmentState.RETURNED, AssessmentState.IN_REVIEW, AssessmentState.IN_REVIEW,
         AssessmentState.SUBMITTED]
    )
    drafts = [a.answered for a in others if a.state == AssessmentState.DRAFT]
    assert len([n for n in drafts if 0 < n < criteria]) == 4
    assert drafts.count(0) == active.count() - 2 - 5 - 4


@pytest.mark.django_db
def test_running_twice_changes_nothing(settings):
    settings.DEBUG = True
    seed()
    before = counts()
    # An official's edit since the first run must survive the second.
    answer = Answer.objects.filter(assessment__authority__code=GM, assessment__round__name=CURRENT_ROUND).first()
    answer.justification = "Edited by the official"
    answer.save()

    output = seed()

    assert counts() == before
    assert "Answers: 0 created" in output and "Nothing new" in output
    answer.refresh_from_db()
    assert answer.justification == "Edited by the official"


@pytest.mark.django_db
def test_answers_are_the_same_on_every_fresh_seed(settings):
    settings.DEBUG = True
    seed()

    def snapshot():
        fields = ("assessment__authority__short_name", "assessment__round__name", "criterion__code")
        rows = Answer.objects.order_by(*fields).values_list(*fields, "score", "not_applicable", "justification")
        return list(rows)

    first = snapshot()
    Answer.objects.all().delete()
    Assessment.objects.all().delete()
    seed()

    assert snapshot() == first
