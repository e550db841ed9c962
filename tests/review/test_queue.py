"""The review queue: filters, search, sorting, headline counts, assignment and constant queries."""
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import (
    AssessmentState,
    AuthorityKind,
    Constituent,
    Landscape,
    LocalAuthority,
)
from tests.factories import (
    AnswerFactory,
    AssessmentFactory,
    AuthorityFactory,
    ModerationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def rows(response) -> list[str]:
    return [row.assessment.authority.short_name for row in response.context["rows"]]


@pytest.fixture
def queue(open_round, authority, people):
    """Greater Manchester submitted and assigned to the reviewer; a LEP draft; a CA in review."""
    gm = AssessmentFactory(round=open_round, authority=authority, submitted=True, assigned_reviewer=people["reviewer"])
    lep = AssessmentFactory(round=open_round, authority=AuthorityFactory(short_name="Solent", name="Solent LEP", kind=AuthorityKind.LEP))
    ca = AssessmentFactory(
        round=open_round, authority=AuthorityFactory(short_name="North East", name="North East CA", kind=AuthorityKind.CA),
        submitted=True, state=AssessmentState.IN_REVIEW,
    )
    council = LocalAuthority.objects.create(code="E08000003", name="Manchester", region="North West")
    Constituent.objects.create(authority=authority, local_authority=council, landscape=Landscape.CURRENT)
    other = LocalAuthority.objects.create(code="E06000044", name="Portsmouth", region="South East")
    Constituent.objects.create(authority=lep.authority, local_authority=other, landscape=Landscape.NOV_2020)
    return {"gm": gm, "lep": lep, "ca": ca}


def test_filters_search_and_counts_that_ignore_filters(client_for, queue, open_round):
    client = client_for("reviewer")
    everything = client.get(reverse("review-queue"), {"state": ""})  # "Any status"
    assert rows(everything) == ["Greater Manchester", "North East", "Solent"]
    page = everything.content.decode()
    assert "North West" in page and "South East" not in page  # regions of the round's landscape only
    assert rows(client.get(reverse("review-queue"), {"state": "submitted"})) == ["Greater Manchester"]
    assert rows(client.get(reverse("review-queue"), {"kind": "lep"})) == ["Solent"]
    assert rows(client.get(reverse("review-queue"), {"assigned": "me"})) == ["Greater Manchester"]
    assert rows(client.get(reverse("review-queue"), {"assigned": "none"})) == ["North East", "Solent"]
    assert rows(client.get(reverse("review-queue"), {"q": "solent"})) == ["Solent"]
    assert rows(client.get(reverse("review-queue"), {"q": queue["gm"].authority.code})) == ["Greater Manchester"]
    filtered = client.get(reverse("review-queue"), {"kind": "lep"})
    counts = {row["value"]: row["count"] for row in filtered.context["counts"]}
    assert counts == {"needs_review": 2, "draft": 1, "submitted": 1, "in_review": 1, "returned": 0, "approved": 0}
    # Each count is a link to the queue showing just those.
    assert 'href="?round=' in filtered.content.decode() and "state=in_review" in filtered.content.decode()


def test_the_queue_opens_on_needs_review_oldest_submission_first(client_for, queue):
    from datetime import timedelta

    from django.utils import timezone

    queue["gm"].submitted_at = timezone.now() - timedelta(days=1)
    queue["gm"].save()
    queue["ca"].submitted_at = timezone.now() - timedelta(days=9)  # waiting longest, though later in the alphabet
    queue["ca"].save()
    response = client_for("reviewer").get(reverse("review-queue"))
    assert rows(response) == ["North East", "Greater Manchester"]  # the draft is not there
    assert 'value="needs_review" selected' in response.content.decode()


def test_sorting_by_a_column_and_back_again(client_for, queue):
    client = client_for("reviewer")
    by_state = client.get(reverse("review-queue"), {"sort": "state"})
    assert rows(by_state) == ["Solent", "North East", "Greater Manchester"]  # draft, in_review, submitted
    assert rows(client.get(reverse("review-queue"), {"sort": "authority", "order": "desc"})) == [
        "Solent", "North East", "Greater Manchester"
    ]
    assert 'aria-sort="ascending"' in by_state.content.decode()


def test_filters_survive_the_round_trip_to_a_review(client_for, queue):
    client = client_for("reviewer")
    client.get(reverse("review-queue"), {"kind": "mca", "q": "Greater"})
    review = client.get(reverse("review-assessment", args=[queue["gm"].pk])).content.decode()
    assert 'href="/review/?kind=mca&amp;q=Greater"' in review


def test_lead_reviewer_assigns_many_at_once(client_for, queue, people):
    client = client_for("lead_reviewer")
    queue_page = client.get(reverse("review-queue")).content.decode()
    assert 'name="assessments"' in queue_page and "Assign the selected assessments to" in queue_page
    response = client.post(
        reverse("review-assign"), {"assessments": [queue["lep"].pk, queue["ca"].pk], "reviewer": people["admin"].pk}
    )
    assert response.status_code == 302
    for key in ("lep", "ca"):
        queue[key].refresh_from_db()
        assert queue[key].assigned_reviewer == people["admin"]
    nothing = client.post(reverse("review-assign"), {"reviewer": people["admin"].pk}, follow=True)
    assert "Select at least one assessment to assign" in nothing.content.decode()
    official = client.post(
        reverse("review-assign"), {"assessments": [queue["lep"].pk], "reviewer": people["editor"].pk}, follow=True
    )
    assert "Select a reviewer from the list" in official.content.decode()


def test_reviewers_see_no_assignment_controls(client_for, queue):
    assert 'name="assessments"' not in client_for("reviewer").get(reverse("review-queue")).content.decode()


def _add_assessments(open_round, count):
    editor = UserFactory()
    for _ in range(count):
        assessment = AssessmentFactory(round=open_round, submitted=True, submitted_by=editor)
        for _ in range(5):
            AnswerFactory(assessment=assessment, answered_by=editor)
        ModerationFactory(
            assessment=assessment, criterion=assessment.answers.first().criterion, moderated_by=editor
        )


def _queue_queries(client) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("review-queue"))
    assert response.status_code == 200
    return len(queries), response


def test_query_count_does_not_grow_with_the_number_of_assessments(client_for, open_round, people):
    client = client_for("lead_reviewer")
    _add_assessments(open_round, 5)
    five, response = _queue_queries(client)
    assert len(response.context["rows"]) == 5
    _add_assessments(open_round, 25)
    thirty, response = _queue_queries(client)
    assert len(response.context["rows"]) == 30
    assert thirty == five
    row = response.context["rows"][0]
    assert row.own.readiness_index == 50 and row.moderated  # 5 answers at level 2; 1 moderated to level 1


def test_readiness_matches_the_results_page(client_for, queue, people):
    for score, criterion in zip([4, 3, 0], queue["gm"].round.framework.steps.get(number=1).criteria.all()):
        AnswerFactory(assessment=queue["gm"], criterion=criterion, score=score)
    row = next(r for r in client_for("reviewer").get(reverse("review-queue")).context["rows"] if r.assessment == queue["gm"])
    results = client_for("reviewer").get(reverse("assessment-results", args=[queue["gm"].pk])).context["result"]
    assert row.own.readiness_index == results.readiness_index == Decimal("58.33")  # (4 + 3 + 0) / 3 x 25


def test_pages_of_fifty(client_for, open_round):
    for _ in range(51):
        AssessmentFactory(round=open_round)
    client = client_for("reviewer")
    assert len(client.get(reverse("review-queue"), {"state": ""}).context["rows"]) == 50
    assert len(client.get(reverse("review-queue"), {"state": "", "page": 2}).context["rows"]) == 1
