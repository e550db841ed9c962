"""python manage.py seed_bench --authorities 1000 --rounds 20: a synthetic national history (DEBUG only).

For benchmarks, never for real use: it adds synthetic authorities (codes E479xxxxx, names
"Bench authority 0001"...), one round a year on the published framework, an assessment per
authority per round, about 24 answers each and some moderations, with bulk inserts in
batches. It also loads the shipped official statistics and gives each synthetic authority a
series of every indicator Greater Manchester has (its periods, values scaled at random).
Works on SQLite and PostgreSQL; prints its progress as it goes.
"""
import datetime
import random
import time
from collections import defaultdict

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from assessments.models import (
    Answer,
    Assessment,
    AssessmentState,
    Authority,
    AuthorityKind,
    CentralRole,
    Constituent,
    Criterion,
    Framework,
    FrameworkStatus,
    Landscape,
    LocalAuthority,
    Moderation,
    Round,
    RoundState,
    User,
)
from assessments.services.scores import round_scores_refresh
from evidence.demo import link_evidence_bulk_seed

ROUND_PREFIX = "Bench round"
# E479xxxxx: the GSS entity code E47 is combined authorities; real ones run from E47000001.
CODE_PREFIX = "E479"
KINDS = [AuthorityKind.MCA, AuthorityKind.CA, AuthorityKind.CCA, AuthorityKind.LEP, AuthorityKind.LEP]
LATEST_STATES = [AssessmentState.DRAFT] * 8 + [AssessmentState.SUBMITTED] * 4 + [AssessmentState.IN_REVIEW] * 2 + [
    AssessmentState.RETURNED] + [AssessmentState.APPROVED] * 5
BENCH_PASSWORD = "bench-only-password-2026"


class Command(BaseCommand):
    help = "Create a synthetic national history for benchmarks (DEBUG only): authorities x rounds of answers."

    def add_arguments(self, parser):
        parser.add_argument("--authorities", type=int, default=1000)
        parser.add_argument("--rounds", type=int, default=20)
        parser.add_argument("--batch", type=int, default=5000, help="Rows per bulk insert.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed, for repeatable data.")

    def handle(self, *args, authorities: int, rounds: int, batch: int, seed: int, **options):
        if not settings.DEBUG:
            raise CommandError("seed_bench only runs with DEBUG on (DEBUG=true): it fills the database with synthetic data.")
        if not 1 <= authorities <= 99999 or not 1 <= rounds <= 200:
            raise CommandError("Use 1 to 99,999 authorities and 1 to 200 rounds.")
        if Round.objects.filter(name__startswith=ROUND_PREFIX).exists():
            raise CommandError("This database already has bench data: use a fresh database.")
        self.started = time.monotonic()
        self.random = random.Random(seed)
        self.batch = batch
        if not LocalAuthority.objects.exclude(region="").exists():
            call_command("load_authorities", stdout=self.stdout, stderr=self.stderr)
        call_command("load_framework", stdout=self.stdout, stderr=self.stderr)
        framework = Framework.objects.filter(status=FrameworkStatus.PUBLISHED).order_by("-version").first()
        criteria = list(Criterion.objects.filter(step__framework=framework).select_related("step"))
        people = self._people()
        bodies = self._authorities(authorities)
        self._say(f"{len(bodies)} synthetic authorities, {len(criteria)} criteria a round")
        self._statistics(bodies)
        for number in range(1, rounds + 1):
            with transaction.atomic():
                self._round(number, rounds, framework, bodies, criteria, people)
        # Fresh statistics, so the query planner knows the tables' sizes (PostgreSQL and SQLite).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        total = Answer.objects.filter(assessment__round__name__startswith=ROUND_PREFIX).count()
        self._say(self.style.SUCCESS(f"Done: {rounds} rounds, {total:,} answers"))

    def _say(self, text: str) -> None:
        self.stdout.write(f"[{time.monotonic() - self.started:7.1f} s] {text}")
        self.stdout.flush()

    def _people(self) -> dict[str, User]:
        def user(email, role):
            found = User.objects.filter(email=email).first()
            return found or User.objects.create_user(email, BENCH_PASSWORD, full_name=email.split("@")[0], central_role=role)

        return {
            "official": user("bench.official@example.gov.uk", CentralRole.NONE),
            "reviewer": user("bench.reviewer@example.gov.uk", CentralRole.REVIEWER),
            "admin": user("bench.admin@example.gov.uk", CentralRole.ADMIN),
        }

    def _authorities(self, count: int) -> list[tuple[Authority, float]]:
        councils = list(LocalAuthority.objects.exclude(region="").order_by("code"))
        Authority.objects.bulk_create(
            [
                Authority(
                    code=f"{CODE_PREFIX}{i:05d}",
                    name=f"Bench authority {i:05d}",
                    short_name=f"Bench authority {i:05d}",
                    kind=KINDS[i % len(KINDS)],
                    has_mayor=KINDS[i % len(KINDS)] == AuthorityKind.MCA,
                    notes="Synthetic, for benchmarks (seed_bench).",
                )
                for i in range(count)
            ],
            batch_size=self.batch,
        )
        created = list(Authority.objects.filter(code__startswith=CODE_PREFIX, name__startswith="Bench authority"))
        Constituent.objects.bulk_create(
            [
                Constituent(authority=a, local_authority=councils[i % len(councils)], landscape=Landscape.CURRENT)
                for i, a in enumerate(created)
            ],
            batch_size=self.batch,
        )
        # Each authority has a base maturity (0-4) so its trend is believable, not noise.
        return [(a, self.random.uniform(0.5, 3.2)) for a in created]

    def _statistics(self, bodies) -> None:
        """The shipped ONS indicators, plus a synthetic series per bench authority (Greater Manchester's periods, scaled)."""
        from official_statistics.models import AreaType, Observation

        call_command("load_statistics", verbosity=0)
        template = defaultdict(list)
        for row in Observation.objects.filter(area_code="E47000001").order_by("period_start"):
            template[row.indicator_id].append(row)
        batch, total = [], 0
        for authority, _base in bodies:
            for indicator_id, rows in template.items():
                factor = self.random.uniform(0.8, 1.2)
                for row in rows:
                    batch.append(Observation(
                        indicator_id=indicator_id, area_code=authority.code, area_name=authority.name, area_type=AreaType.COMBINED,
                        period=row.period, period_start=row.period_start, period_months=row.period_months,
                        value=None if row.value is None else row.value * factor, status=row.status, latest=row.latest,
                    ))
                if len(batch) >= self.batch:
                    Observation.objects.bulk_create(batch)
                    total, batch = total + len(batch), []
        Observation.objects.bulk_create(batch)
        self._say(f"official statistics: {total + len(batch):,} synthetic observations for {len(bodies)} authorities")

    def _round(self, number, rounds, framework, bodies, criteria, people) -> None:
        latest = number == rounds
        year = timezone.localdate().year - (rounds - number)
        opens = datetime.date(year, 1, 10)
        closes = timezone.localdate() + datetime.timedelta(days=30) if latest else datetime.date(year, 3, 31)
        round_ = Round.objects.create(
            name=f"{ROUND_PREFIX} {number:02d} ({year})", framework=framework, landscape=Landscape.CURRENT,
            opens_on=min(opens, timezone.localdate()), closes_on=closes,
            state=RoundState.OPEN if latest else RoundState.CLOSED, covers_kinds=list(AuthorityKind.values),
        )
        when = timezone.make_aware(datetime.datetime.combine(min(closes, timezone.localdate()), datetime.time(12)))
        assessments = []
        for authority, _base in bodies:
            state = self.random.choice(LATEST_STATES) if latest else (
                AssessmentState.APPROVED if self.random.random() < 0.95 else AssessmentState.SUBMITTED)
            submitted = state != AssessmentState.DRAFT
            assessments.append(Assessment(
                round=round_, authority=authority, state=state,
                submitted_at=when if submitted else None, submitted_by=people["official"] if submitted else None,
            ))
        Assessment.objects.bulk_create(assessments, batch_size=self.batch)
        assessments = list(Assessment.objects.filter(round=round_).order_by("authority_id"))
        by_authority = {a.authority_id: a for a in assessments}
        answers, moderations = [], []
        drift = 0.5 * number / rounds  # the country slowly matures
        for authority, base in bodies:
            assessment = by_authority[authority.pk]
            for criterion in criteria:
                roll = self.random.random()
                if assessment.state == AssessmentState.DRAFT and roll < 0.25:
                    continue  # unanswered in a draft: no row
                if criterion.allows_not_applicable and roll > 0.9:
                    answers.append(self._answer(assessment, criterion, None, people, when))
                    continue
                level = max(0, min(4, round(base + drift + self.random.gauss(0, 0.8))))
                answers.append(self._answer(assessment, criterion, level, people, when))
                if assessment.state == AssessmentState.APPROVED and self.random.random() < 0.05:
                    moderations.append(Moderation(
                        assessment=assessment, criterion=criterion, score=max(0, level - 1),
                        reason="Synthetic moderation: evidence supports a lower level.",
                        moderated_by=people["reviewer"], moderated_at=when,
                    ))
                if len(answers) >= self.batch:
                    self._save_answers(answers)
                    answers = []
        self._save_answers(answers)
        Moderation.objects.bulk_create(moderations, batch_size=self.batch)
        round_scores_refresh(round_=round_)  # bulk inserts bypass the services: store the results
        self._say(f"round {number}/{rounds}: {round_.name}, {len(assessments)} assessments")

    def _save_answers(self, answers: list[Answer]) -> None:
        Answer.objects.bulk_create(answers)
        # Levels 3 and 4 carry a link from the authority's evidence library (evidence/).
        link_evidence_bulk_seed(
            answers=answers,
            urls={a.pk: f"https://example.gov.uk/evidence/{a.criterion.code}" for a in answers if a.evidence_count},
        )

    def _answer(self, assessment, criterion, level, people, when) -> Answer:
        return Answer(
            assessment=assessment, criterion=criterion, score=level, not_applicable=level is None,
            justification="Synthetic benchmark answer: agreed by the board.",
            evidence_count=1 if (level or 0) >= 3 else 0,
            answered_by=people["official"], answered_at=when,
        )
