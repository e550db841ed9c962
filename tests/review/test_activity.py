"""The activity trail merges answers, moderations, comments, assignments and status changes."""
import pytest
from django.urls import reverse

from assessments.services.assignment import assessments_assign
from assessments.services.moderation import moderation_set
from assessments.services.review import assessment_return, review_comment_add
from assessments.services.submission import assessment_submit
from tests.helpers import step_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy(complete, people):
    """Submitted, assigned, moderated, commented on, returned, then an answer changed."""
    reviewer = people["reviewer"]
    assessment_submit(assessment=complete, user=people["editor"])
    assessments_assign(assessment_ids=[complete.pk], reviewer=reviewer, user=people["lead_reviewer"])
    criterion = complete.round.framework.steps.get(number=1).criteria.get(position=1)
    moderation_set(assessment=complete, criterion=criterion, user=reviewer, score=1, reason="Draft roadmap only.")
    review_comment_add(assessment=complete, criterion=criterion, user=reviewer, body="Where is the signed roadmap?")
    assessment_return(assessment=complete, user=reviewer, message="See 1.1.")
    return complete


def test_everything_in_one_trail_newest_first(client_for, busy, people):
    client = client_for("editor")
    step = busy.round.framework.steps.get(number=1)
    client.post(reverse("assessment-step", args=[busy.pk, 1]), step_post(step, c1_1_level="1"))
    response = client.get(reverse("review-activity", args=[busy.pk]))
    entries = list(response.context["page"])
    kinds = [entry.kind for entry in entries]
    assert kinds[0] == "answer" and {"moderation", "comment", "assignment", "transition"} <= set(kinds)
    latest = next(entry for entry in entries if entry.what == "Answer to 1.1")
    assert (latest.what, latest.before, latest.after) == ("Answer to 1.1", "Level 2", "Level 1")
    assert latest.who == people["editor"] and latest.role == "Editor"
    page = response.content.decode()
    assert "Draft roadmap only." in page and "Where is the signed roadmap?" in page and "See 1.1." in page
    assignment = next(e for e in entries if e.kind == "assignment")
    assert (assignment.before, assignment.after, assignment.role) == ("Unassigned", str(people["reviewer"]), "Lead reviewer")
    moved = [(e.before, e.after) for e in entries if e.kind == "transition"]
    assert moved == [("In review", "Returned for changes"), ("Submitted", "In review"), ("Draft", "Submitted")]


@pytest.mark.parametrize("kind", ["answer", "moderation", "comment", "assignment", "transition"])
def test_filter_by_type(client_for, busy, kind):
    entries = client_for("reviewer").get(reverse("review-activity", args=[busy.pk]), {"type": kind}).context["page"]
    assert entries.object_list and {entry.kind for entry in entries} == {kind}


def test_query_count_is_bounded(client_for, busy, django_assert_max_num_queries):
    client = client_for("reviewer")
    with django_assert_max_num_queries(17):
        assert client.get(reverse("review-activity", args=[busy.pk])).status_code == 200


def test_activity_downloads_as_csv_with_its_metadata_oldest_first(client_for, busy, people):
    import csv
    import io

    page_entries = list(client_for("reviewer").get(reverse("review-activity", args=[busy.pk])).context["page"])
    response = client_for("reviewer").get(reverse("review-activity-csv", args=[busy.pk]))
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    blank = lines.index([])
    metadata = {line[0].removeprefix("# "): line[1] for line in lines[1:blank]}
    header, *rows = lines[blank + 1:]
    assert metadata["Round"] == busy.round.name and metadata["Filters"].startswith("None")
    assert len(rows) == len(page_entries)
    what = header.index("What")
    assert [r[what] for r in rows] == [e.what for e in reversed(page_entries)]
    assert any("Draft roadmap only." in cell for r in rows for cell in r)
    moderations = client_for("reviewer").get(reverse("review-activity-csv", args=[busy.pk]) + "?type=moderation")
    lines = list(csv.reader(io.StringIO(b"".join(moderations.streaming_content).decode("utf-8-sig"))))
    blank = lines.index([])
    assert {row[header.index("Type")] for row in lines[blank + 2:]} == {"Moderated scores"}
