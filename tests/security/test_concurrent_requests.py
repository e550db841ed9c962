"""Simultaneous requests get the same answers on the embedded SQLite default as on PostgreSQL.

Each thread is its own browser (a test client with its own session) and its own database
connection; a barrier releases them together. The loser must get the service's usual
refusal (PostgreSQL: it waits on the row lock; SQLite: on the database write lock), never
"database is locked" as a server error.
"""
import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from assessments.models import Answer, AssessmentEvent, AssessmentState
from tests.factories import AssessmentFactory, RoundFactory, UserFactory, answer_every_criterion
from tests.helpers import step_post

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.both_databases]


def _at_once(requests) -> list:
    """Run each ``request()`` in its own thread, released together; their responses in order."""
    barrier = threading.Barrier(len(requests))
    responses: list = [None] * len(requests)

    def run(index, request):
        try:
            barrier.wait(timeout=10)
            responses[index] = request()
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            responses[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


def _client(user) -> Client:
    client = Client()
    client.raise_request_exception = False
    client.force_login(user)
    return client


@pytest.fixture
def draft():
    assessment = AssessmentFactory(round=RoundFactory())
    editors = [UserFactory(editor_of=assessment.authority, full_name=name) for name in ("Ada Editor", "Bob Editor")]
    return assessment, editors


def test_two_editors_saving_the_same_step_at_once_one_saves_the_other_is_told(draft):
    assessment, editors = draft
    step = assessment.round.framework.steps.get(number=1)
    url = reverse("assessment-step", args=[assessment.pk, 1])
    clients = [_client(editor) for editor in editors]
    posts = [
        {**step_post(step, c1_1_justification=f"Agreed by {editor.full_name}'s board."), "as_of": ""}
        for editor in editors
    ]
    responses = _at_once([lambda c=c, p=p: c.post(url, p) for c, p in zip(clients, posts)])

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [302, 409], responses
    loser = next(r for r in responses if r.status_code == 409)
    assert "Someone saved this step after you opened it" in loser.content.decode()
    winner = editors[[r.status_code for r in responses].index(302)]
    saved = Answer.objects.get(assessment=assessment, criterion__code="1.1")
    assert saved.answered_by == winner and winner.full_name in saved.justification


def test_two_editors_submitting_at_once_one_submits_the_other_is_told(draft):
    assessment, editors = draft
    answer_every_criterion(assessment)
    url = reverse("assessment-submit", args=[assessment.pk])
    clients = [_client(editor) for editor in editors]
    responses = _at_once([lambda c=c: c.post(url, {"confirm": "on"}) for c in clients])

    # The loser is refused whether it arrives while the winner holds the lock (400, from
    # the re-check under the lock) or just after (403, from the access check): same reason.
    statuses = sorted(r.status_code for r in responses)
    assert statuses in ([302, 400], [302, 403]), responses
    loser = next(r for r in responses if r.status_code != 302)
    assert "This assessment is submitted, so answers cannot be changed." in loser.content.decode()
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.SUBMITTED
    assert AssessmentEvent.objects.filter(assessment=assessment, to_state=AssessmentState.SUBMITTED).count() == 1
