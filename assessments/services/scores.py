"""Keeping the stored results (``AssessmentScore``) equal to what the scoring module computes.

Every assessment gets its row when it is created (``assessment_scores_create``: opening a
round, adding an authority to it, seeding). Every service that changes answers,
moderations or state calls ``assessment_score_refresh`` inside its own transaction, so the
stored row changes with the data or not at all. Bulk writers (seeding, load-test set-up)
call ``round_scores_refresh`` when they are done, and operators run ``manage.py
refresh_scores`` after any change made outside the services. Readers never write.

Each of these writes also gives the round a new scores version (``RoundScoresVersion``)
in the same transaction: cached roll-ups are keyed on it (``selectors.rollup_cache``).
"""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from assessments import score_sql, scoring
from assessments.models import Assessment, AssessmentScore, Round, RoundScoresVersion
from assessments.models.summary import (
    OWN_STEP_ANSWERED,
    OWN_STEP_SCORE,
    STEP_ANSWERED,
    STEP_SCORE,
)
from assessments.selectors.assessments import assessment_view
from assessments.selectors.dashboards import round_steps


def _summary(
    pk: int, result: scoring.AssessmentResult, own: scoring.AssessmentResult, centre: Decimal | None, now
) -> AssessmentScore:
    values = {
        "centre_score": centre,
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


def _upsert_sql(model, *, key: str, columns: list[str]) -> str:
    """INSERT ... ON CONFLICT DO UPDATE (PostgreSQL and SQLite alike): one statement per batch of any size."""
    quote = connection.ops.quote_name
    updates = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in columns if c != key)
    return (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))}) ON CONFLICT ({quote(key)}) DO UPDATE SET {updates}"
    )


def _store(rows: list[AssessmentScore]) -> None:
    """Write the rows, replacing existing ones.

    One ``executemany`` rather than ``bulk_create``: SQLite's 999-parameter batches would
    make the number of queries grow with the number of rows.
    """
    if not rows:
        return
    fields = AssessmentScore._meta.concrete_fields
    params = [[f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields] for row in rows]
    sql = _upsert_sql(AssessmentScore, key=AssessmentScore._meta.pk.column, columns=[f.column for f in fields])
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def round_scores_version_bump(*, round_id: int) -> None:
    """Give the round a new scores version: call in the transaction that changed its stored results.

    Last in the transaction on purpose: the row stays locked until commit, so concurrent
    writers in one round queue here only for the time it takes to commit.
    """
    meta = RoundScoresVersion._meta
    values = {"round_id": round_id, "token": uuid.uuid4(), "changed_at": timezone.now()}
    sql = _upsert_sql(RoundScoresVersion, key="round_id", columns=list(values))
    with connection.cursor() as cursor:
        cursor.execute(sql, [meta.get_field(name).get_db_prep_save(value, connection) for name, value in values.items()])


@transaction.atomic
def assessment_score_refresh(*, assessment: Assessment) -> AssessmentScore:
    """Store the assessment's results as its pages compute them. Call inside the writing transaction."""
    view = assessment_view(assessment=assessment)
    where, params = score_sql.ids_where([assessment.pk])
    centre = score_sql.centre_scores(where=where, params=params).get(assessment.pk)
    row = _summary(assessment.pk, view.result, view.own_result, centre, timezone.now())
    _store([row])
    round_scores_version_bump(round_id=assessment.round_id)
    return row


def _refresh(*, round_: Round, ids: Sequence[int], where: str, params: list) -> None:
    steps = round_steps(round_=round_)
    results = score_sql.assessment_results(ids=ids, steps=steps, where=where, params=params)
    centres = score_sql.centre_scores(where=where, params=params)
    now = timezone.now()
    _store([_summary(pk, result, own, centres.get(pk), now) for pk, (result, own) in results.items()])
    round_scores_version_bump(round_id=round_.pk)


@transaction.atomic
def round_scores_refresh(*, round_: Round) -> int:
    """Recompute and store every assessment of the round (a few queries). Returns how many."""
    # Lock the rows as every answer, moderation and transition service does, so a write
    # still in flight cannot be overwritten with numbers from before it.
    ids = list(Assessment.objects.select_for_update().filter(round=round_).order_by("pk").values_list("pk", flat=True))
    if ids:
        _refresh(round_=round_, ids=ids, where="a.round_id = %s", params=[round_.pk])
    return len(ids)


@transaction.atomic
def assessment_scores_create(*, round_: Round, ids: Sequence[int]) -> None:
    """Store the results of assessments just created in ``round_`` (three queries, whatever their number).

    Called by whatever creates assessments, in its transaction, so every assessment has
    its row from the start and no reader ever has to write one.
    """
    if ids:
        where, params = score_sql.ids_where(ids)
        _refresh(round_=round_, ids=ids, where=where, params=params)
