"""Stored results of each assessment, so the dashboards read 1 row per authority, not 24.

A cache of ``scoring.score_assessment``, never a second definition: the numbers are
written only by ``assessments.services.scores`` (from the scoring module), inside the
transaction of every write that changes answers, moderations or state. RAG is not
stored; readers derive it from the number with ``scoring.rag_for``.
Every assessment gets its row when it is created; ``manage.py refresh_scores`` rewrites
a round's rows after a change made outside the services (readers compute a missing row
and never store it).
"""
import uuid

from django.db import models
from django.db.models import Q

from .framework import STEP_NUMBERS
from .rounds import Assessment


def _score():
    # Exact, not as shown: medians, quartiles and differences are computed from these and
    # rounded once (scoring.EXACT_PLACES, which is exact for rounding to two places).
    return models.DecimalField(max_digits=15, decimal_places=12, null=True, blank=True)


def _count():
    return models.PositiveSmallIntegerField(default=0)


def _in_range(name: str) -> Q:
    return Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 0, f"{name}__lte": 100})


# Column names, so readers and the writer cannot drift apart.
STEP_SCORE = "step_{}"
STEP_ANSWERED = "step_{}_answered"
OWN_STEP_SCORE = "own_step_{}"
OWN_STEP_ANSWERED = "own_step_{}_answered"
SCORE_COLUMNS = ["readiness_index", "own_readiness_index", "centre_score"] + [
    pattern.format(n) for pattern in (STEP_SCORE, OWN_STEP_SCORE) for n in STEP_NUMBERS
]


class AssessmentScore(models.Model):
    """One assessment's effective results (moderated wins) and its self-assessed ones."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, primary_key=True, related_name="summary")
    # Effective: the reviewer's moderated score where there is one, else the authority's own.
    readiness_index = _score()
    answered = _count()
    total = _count()
    step_1, step_2, step_3, step_4, step_5, step_6, step_7, step_8 = (_score() for _ in STEP_NUMBERS)
    step_1_answered, step_2_answered, step_3_answered, step_4_answered = (_count() for _ in range(4))
    step_5_answered, step_6_answered, step_7_answered, step_8_answered = (_count() for _ in range(4))
    # Self-assessed: the authority's own answers only (the review queue shows both).
    own_readiness_index = _score()
    own_answered = _count()
    own_step_1, own_step_2, own_step_3, own_step_4, own_step_5, own_step_6, own_step_7, own_step_8 = (
        _score() for _ in STEP_NUMBERS
    )
    own_step_1_answered, own_step_2_answered, own_step_3_answered, own_step_4_answered = (_count() for _ in range(4))
    own_step_5_answered, own_step_6_answered, own_step_7_answered, own_step_8_answered = (_count() for _ in range(4))
    # The centre's side (``score_sql.centre_scores``): what central government does in the
    # area, from the effective levels of the criteria that measure it; None where none is
    # scored or the framework marks none. Stored so that a round's dashboard reads it with
    # the rest instead of summing every answer of the round after each score change.
    centre_score = _score()
    refreshed_at = models.DateTimeField()
    # A new value on every write of the row (``services.scores``): a process that kept the
    # row's result reads the row again only when this or ``refreshed_at`` has changed
    # (``rollup_cache.kept``). Random, not a counter, for the reasons of ``RoundScoresVersion``;
    # ``refreshed_at`` as well, because a release from before this column writes only that.
    version = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        # The stamps are read for a whole round on every dashboard request: from the index
        # alone, not from the table's wide rows (a quarter of the time at 1,000 x 20).
        indexes = [
            models.Index(fields=["assessment"], include=["version", "refreshed_at"], name="assessment_score_stamp"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(*[_in_range(name) for name in SCORE_COLUMNS]), name="assessment_score_scores_0_to_100"
            ),
            models.CheckConstraint(condition=Q(answered__lte=models.F("total")), name="assessment_score_answered_le_total"),
            models.CheckConstraint(
                condition=Q(own_answered__lte=models.F("total")), name="assessment_score_own_answered_le_total"
            ),
        ]

    def __str__(self) -> str:
        return f"Scores of assessment {self.assessment_id}"


class RoundScoresVersion(models.Model):
    """Which state of a round's stored results a cached roll-up was made from.

    Every write of ``AssessmentScore`` gives the round a new ``token`` in the same
    transaction (``services.scores``), so a cached roll-up keyed on the token is for
    exactly the numbers the database holds; a roll-up of a newer state has another key.
    A random token, not a counter: a counter can repeat after a rollback (tests) or a
    restore, and a repeated key would serve numbers that are no longer there.
    Its own table rather than a column on the round: score writes lock this row, and
    leave the round row to the services that lock it (opening and closing rounds).
    """

    round = models.OneToOneField("assessments.Round", on_delete=models.CASCADE, primary_key=True, related_name="+")
    token = models.UUIDField()
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Scores version of round {self.round_id}"
