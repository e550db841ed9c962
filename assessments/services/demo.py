"""Demo data for local use: sign-ins, a closed 2020 baseline round and an open current round.

Only with DEBUG on, because every demo user shares one published password. Safe to re-run:
users, rounds and assessments are found or created by stable keys (email, round name,
round and authority), and answers are written only when their assessment is created, so a
re-run never overwrites answers someone has changed through the service since.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from assessments.models import (
    Answer,
    Assessment,
    AssessmentState,
    Authority,
    AuthorityKind,
    Criterion,
    Framework,
    Landscape,
    Round,
    RoundState,
    User,
)
from evidence.demo import demo_document_seed, link_evidence_bulk_seed

from .demo_answers import DemoProfile, answer_rng, demo_answers
from .demo_review import demo_review_seed
from .demo_users import GREATER_MANCHESTER, SYSTEM_USER, WEST_MIDLANDS, demo_users_seed
from .scores import round_scores_refresh

FRAMEWORK_NAME, FRAMEWORK_VERSION = "LIPSIT 2020", 1
BASELINE_ROUND, CURRENT_ROUND = "Baseline 2020", "2026–27 readiness"
# Of the current round's other authorities, oldest first: these many have submitted,
# the next ones have started, and the newest have not begun.
SUBMITTED_COUNT, IN_PROGRESS_COUNT = 5, 4
# Where the current round's submissions have got to in review, oldest submission first.
CURRENT_REVIEW_STATES = (
    AssessmentState.APPROVED, AssessmentState.RETURNED, AssessmentState.IN_REVIEW, AssessmentState.IN_REVIEW,
    AssessmentState.SUBMITTED,
)
REVIEWER_EMAIL = "reviewer@example.gov.uk"


class DemoRefused(Exception):
    """The demo data cannot or must not be created here."""


@dataclass
class DemoReport:
    users: int = 0
    access: int = 0
    rounds: int = 0
    assessments: int = 0
    answers: int = 0

    @property
    def created(self) -> int:
        return self.users + self.access + self.rounds + self.assessments + self.answers

    def lines(self) -> list[str]:
        return [
            f"Users: {self.users} created",
            f"Authority access: {self.access} created",
            f"Rounds: {self.rounds} created",
            f"Assessments: {self.assessments} created",
            f"Answers: {self.answers} created",
        ]


@dataclass(frozen=True)
class _Plan:
    """What one new assessment looks like: the criteria answered, by whom, and whether submitted."""

    answered: list[Criterion]
    answered_by: User
    answered_from: datetime
    submitted_at: datetime | None
    rng: random.Random
    # After submission: the state review has reached, who reviews, and how many scores were moderated.
    final_state: str = AssessmentState.SUBMITTED
    reviewer: User | None = None
    moderations: int = 0


def demo_framework() -> Framework | None:
    return Framework.objects.filter(name=FRAMEWORK_NAME, version=FRAMEWORK_VERSION).first()


@transaction.atomic
def demo_seed(*, today: date | None = None) -> DemoReport:
    if not settings.DEBUG:
        raise DemoRefused("Demo data is only created with DEBUG on: its users share a published password.")
    framework = demo_framework()
    if framework is None:
        raise DemoRefused(f"Load the {FRAMEWORK_NAME} v{FRAMEWORK_VERSION} framework first (manage.py load_framework).")
    if Authority.objects.filter(code__in=[GREATER_MANCHESTER, WEST_MIDLANDS]).count() != 2:
        raise DemoRefused("Load the authorities first (manage.py load_authorities).")
    today = today or timezone.localdate()
    criteria = list(Criterion.objects.filter(step__framework=framework).select_related("step"))
    report = DemoReport()
    users, report.users, report.access = demo_users_seed()
    baseline = _round(
        report, name=BASELINE_ROUND, framework=framework, landscape=Landscape.NOV_2020,
        opens_on=date(2020, 11, 1), closes_on=date(2021, 1, 31), state=RoundState.CLOSED,
    )
    current = _round(
        report, name=CURRENT_ROUND, framework=framework, landscape=Landscape.CURRENT,
        opens_on=today - timedelta(days=30), closes_on=today + timedelta(days=21), state=RoundState.OPEN,
    )
    # Draft answers were last touched before yesterday evening.
    drafts_until = _at(today - timedelta(days=1), 18)
    answers = _seed_round(report, baseline, _baseline_plans(baseline, criteria, users[SYSTEM_USER.email], users[REVIEWER_EMAIL]), drafts_until)
    answers += _seed_round(report, current, _current_plans(current, criteria, users, today), drafts_until)
    Answer.objects.bulk_create(answers)
    link_evidence_bulk_seed(
        answers=answers, urls={a.pk: a.demo_evidence_url for a in answers if getattr(a, "demo_evidence_url", "")}
    )
    report.answers = len(answers)
    demo_document_seed(
        authority=Authority.objects.get(code=GREATER_MANCHESTER), user=users["gm.editor@example.gov.uk"]
    )
    for round_ in (baseline, current):  # answers were bulk-inserted: store the results once
        round_scores_refresh(round_=round_)
    return report


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _round(report: DemoReport, *, name: str, **values) -> Round:
    # Found by name and otherwise left alone: a re-run on a later day keeps the dates.
    round_, created = Round.objects.get_or_create(name=name, defaults=values)
    report.rounds += created
    return round_


def _baseline_plans(round_: Round, criteria: list[Criterion], system: User, reviewer: User):
    """Every authority of November 2020 (the ten CAs and 38 LEPs), submitted in full and approved."""
    authorities = Authority.objects.filter(constituents__landscape=Landscape.NOV_2020).distinct()
    for authority in authorities:
        rng = answer_rng(authority, "baseline-2020")
        submitted_at = _at(date(2021, 1, rng.randint(11, 29)), rng.randint(9, 17), rng.randint(0, 59))
        profile = DemoProfile(authority, mayoral=authority.status_nov_2020 == "mca", as_of=round_.opens_on)
        yield authority, profile, _Plan(
            criteria, system, _at(round_.opens_on, 9), submitted_at, rng,
            final_state=AssessmentState.APPROVED, reviewer=reviewer, moderations=rng.choice((0, 1, 2)),
        )


def _current_plans(round_: Round, criteria: list[Criterion], users: dict[str, User], today: date):
    """Every active non-LEP authority, from untouched to submitted (see SUBMITTED_COUNT)."""
    system, opened = users[SYSTEM_USER.email], _at(round_.opens_on, 9)
    step_4 = [criterion for criterion in criteria if criterion.step.number == 4]
    gm_answered = [criterion for criterion in criteria if criterion.step.number <= 3] + step_4[: len(step_4) // 2 or 1]
    authorities = Authority.objects.filter(abolished__isnull=True).exclude(kind=AuthorityKind.LEP)
    others = sorted(
        (a for a in authorities if a.code not in (GREATER_MANCHESTER, WEST_MIDLANDS)),
        key=lambda a: (a.established, a.short_name),
    )
    rank = {authority.pk: position for position, authority in enumerate(others)}
    for authority in authorities:
        rng = answer_rng(authority, "current")
        profile = DemoProfile(authority, mayoral=authority.has_mayor, as_of=today)
        if authority.code == GREATER_MANCHESTER:
            plan = _Plan(gm_answered, users["gm.editor@example.gov.uk"], opened, None, rng)
        elif authority.code == WEST_MIDLANDS:
            plan = _Plan(criteria[:4], users["wm.editor@example.gov.uk"], opened, None, rng)
        elif rank[authority.pk] < SUBMITTED_COUNT:
            # Decided ones were submitted earliest, so their review fits before today.
            days_ago = 25 - rank[authority.pk] * 4 - rng.randint(0, 2)
            submitted_at = _at(today - timedelta(days=days_ago), rng.randint(9, 17), rng.randint(0, 59))
            plan = _Plan(
                criteria, system, opened, submitted_at, rng, final_state=CURRENT_REVIEW_STATES[rank[authority.pk]],
                reviewer=users[REVIEWER_EMAIL], moderations=2,
            )
        elif rank[authority.pk] < SUBMITTED_COUNT + IN_PROGRESS_COUNT:
            plan = _Plan(criteria[: rng.randint(6, max(6, len(criteria) - 6))], system, opened, None, rng)
        else:
            plan = _Plan([], system, opened, None, rng)
        yield authority, profile, plan


def _seed_round(report: DemoReport, round_: Round, plans, drafts_until: datetime) -> list[Answer]:
    """Create the assessments the round lacks; return their (unsaved) answers."""
    existing = set(Assessment.objects.filter(round=round_).values_list("authority_id", flat=True))
    answers = []
    for authority, profile, plan in plans:
        if authority.pk in existing:
            continue  # already seeded, and perhaps edited since: leave it alone
        assessment = Assessment.objects.create(
            round=round_,
            authority=authority,
            state=plan.final_state if plan.submitted_at else AssessmentState.DRAFT,
            submitted_at=plan.submitted_at,
            submitted_by=plan.answered_by if plan.submitted_at else None,
            assigned_reviewer=plan.reviewer if plan.final_state != AssessmentState.SUBMITTED else None,
        )
        report.assessments += 1
        answered_until = max(plan.answered_from, plan.submitted_at or drafts_until)
        created = demo_answers(
            assessment=assessment, criteria=plan.answered, profile=profile, rng=plan.rng,
            answered_by=plan.answered_by, answered_between=(plan.answered_from, answered_until),
        )
        answers += created
        if plan.submitted_at:
            demo_review_seed(
                assessment=assessment, final_state=plan.final_state, answers=created, submitter=plan.answered_by,
                reviewer=plan.reviewer, submitted_at=plan.submitted_at, moderations=plan.moderations,
            )
    return answers
