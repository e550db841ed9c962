"""Keeping the stored results (``AssessmentScore``) equal to what the scoring module computes.

Every service that changes answers, moderations or state calls ``assessment_score_refresh``
inside its own transaction, so the stored row changes with the data or not at all. Bulk
writers (seeding, load-test set-up) call ``round_scores_refresh`` when they are done, and
operators run ``manage.py refresh_scores`` (once after deploying the table, and after any
change made outside the services). Readers store rows still missing on first read
(``missing_scores_store``), so a new assessment never shows as absent.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection, transaction
from django.utils import timezone

from assessments import scoring
from assessments.models import Assessment, AssessmentScore, Round, Step
from assessments.models.summary import (
    OWN_STEP_ANSWERED,
    OWN_STEP_SCORE,
    STEP_ANSWERED,
    STEP_SCORE,
)
from assessments.selectors.assessments import assessment_view
from assessments.selectors.dashboards import round_steps
from assessments.selectors.scores import both_step_sums, totals_by_assessment

Results = dict[int, tuple[scoring.AssessmentResult, scoring.AssessmentResult]]  # id -> (effective, own)


def _summary(pk: int, result: scoring.AssessmentResult, own: scoring.AssessmentResult, now) -> AssessmentScore:
    values = {
        "readiness_index": result.exact_index,
        "answered": result.answered,
        "total": result.total,
        "own_readiness_index": own.exact_index,
        "own_answered": own.answered,
    }
    for step in result.steps:
        values[STEP_SCORE.format(step.number)] = step.exact
        values[STEP_ANSWERED.format(step.number)] = step.answered
    for step in own.steps:
        values[OWN_STEP_SCORE.format(step.number)] = step.exact
        values[OWN_STEP_ANSWERED.format(step.number)] = step.answered
    return AssessmentScore(assessment_id=pk, refreshed_at=now, **values)


def _upsert_sql(*, replace: bool) -> str:
    """INSERT ... ON CONFLICT (PostgreSQL and SQLite alike): one statement per batch of any size."""
    quote = connection.ops.quote_name
    columns = [f.column for f in AssessmentScore._meta.concrete_fields]
    key = AssessmentScore._meta.pk.column
    if replace:
        action = "DO UPDATE SET " + ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in columns if c != key)
    else:
        action = "DO NOTHING"
    return (
        f"INSERT INTO {quote(AssessmentScore._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))}) ON CONFLICT ({quote(key)}) {action}"
    )


def _store(rows: list[AssessmentScore], *, replace: bool) -> None:
    """Write the rows; ``replace`` overwrites existing ones, otherwise existing rows win.

    One ``executemany`` rather than ``bulk_create``: SQLite's 999-parameter batches would
    make the number of queries grow with the number of rows.
    """
    fields = AssessmentScore._meta.concrete_fields
    params = [[f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(_upsert_sql(replace=replace), params)


def _rows(results: Results) -> list[AssessmentScore]:
    now = timezone.now()
    return [_summary(pk, result, own, now) for pk, (result, own) in results.items()]


def _results(*, ids: Iterable[int], steps: Sequence[Step], where: str, params: list) -> Results:
    """Effective and own results of ``ids`` (all on the framework of ``steps``) from one grouped query."""
    step_inputs = [scoring.StepInput(number=s.number, weight=s.weight) for s in steps]
    totals = totals_by_assessment(ids, [(s.number, s.criteria_count) for s in steps])
    sums = both_step_sums(where=where, params=params, totals=totals)
    return {
        pk: (
            scoring.result_from_sums(steps=step_inputs, sums=both.effective),
            scoring.result_from_sums(steps=step_inputs, sums=both.own),
        )
        for pk, both in sums.items()
    }


@transaction.atomic
def assessment_score_refresh(*, assessment: Assessment) -> AssessmentScore:
    """Store the assessment's results as its pages compute them. Call inside the writing transaction."""
    view = assessment_view(assessment=assessment)
    row = _summary(assessment.pk, view.result, view.own_result, timezone.now())
    _store([row], replace=True)
    return row


@transaction.atomic
def round_scores_refresh(*, round_: Round) -> int:
    """Recompute and store every assessment of the round (a few queries). Returns how many."""
    # Lock the rows as every answer, moderation and transition service does, so a write
    # still in flight cannot be overwritten with numbers from before it.
    ids = list(Assessment.objects.select_for_update().filter(round=round_).order_by("pk").values_list("pk", flat=True))
    if not ids:
        return 0
    steps = round_steps(round_=round_)
    _store(_rows(_results(ids=ids, steps=steps, where="a.round_id = %s", params=[round_.pk])), replace=True)
    return len(ids)


def missing_scores_store(*, ids: Sequence[int], steps: Sequence[Step], where: str, params: list) -> Results:
    """Compute and store results for assessments that have no row yet; returns them (two queries).

    Called by readers. ``where`` (on ``a``) must cover ``ids``; ``steps`` are their framework's,
    with ``criteria_count``. A row written meanwhile by a service is newer, so it is kept.
    """
    results = _results(ids=ids, steps=steps, where=where, params=params)
    if results:
        _store(_rows(results), replace=False)
    return results
