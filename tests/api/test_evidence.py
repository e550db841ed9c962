"""The answers endpoint's evidence_url: what the pages and exports show. The current version while
the assessment is with the authority; the version its submission cited once sent, whatever the
library holds later. Read in a constant number of queries, however much evidence there is."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.models import Answer, AssessmentState
from assessments.services.review import assessment_approve, assessment_start_review
from assessments.services.submission import assessment_submit
from evidence.services import answer_evidence_set, evidence_item_replace, evidence_item_retire
from tests.evidence.factories import document_item, link_item
from tests.factories import AssessmentFactory, answer_every_criterion


def _answers(client, assessment) -> dict[str, dict]:
    response = client.get(f"/api/v1/assessments/{assessment.pk}/answers/")
    assert response.status_code == 200
    return {row["criterion_code"]: row for row in response.json()}


def _carry(answer: Answer, items: list) -> None:
    answer_evidence_set(answer=answer, items=items)
    Answer.objects.filter(pk=answer.pk).update(evidence_count=len(items))


def test_evidence_url_is_the_cited_version_once_sent_and_the_current_one_before(api, assessment, people):
    editor, reviewer = people["editor"], people["reviewer"]
    answer_every_criterion(assessment)
    first, second = Answer.objects.filter(assessment=assessment).order_by("criterion__step__number", "criterion__position")[:2]
    # A document titled before the link: documents are not served by the API, so the link is reported.
    agenda = link_item(authority=assessment.authority, user=editor, title="Agenda", url="https://www.example.gov.uk/agenda")
    minutes = document_item(authority=assessment.authority, user=editor, title="Minutes")
    _carry(first, [agenda, minutes])
    _carry(second, [minutes])
    client = api(reviewer)

    # A draft reports the item's current version.
    evidence_item_replace(item=agenda, user=editor, url="https://www.example.gov.uk/agenda-v2")
    draft = _answers(client, assessment)
    assert draft[first.criterion.code]["self_assessed"]["evidence_url"] == "https://www.example.gov.uk/agenda-v2"
    assert draft[second.criterion.code]["self_assessed"]["evidence_url"] == ""

    assessment_submit(assessment=assessment, user=editor)
    assessment_start_review(assessment=assessment, user=reviewer)
    assessment_approve(assessment=assessment, user=reviewer)
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.APPROVED

    # After approval the item moves on and is retired: the API still reports the version sent.
    evidence_item_replace(item=agenda, user=editor, url="https://www.example.gov.uk/agenda-v3")
    evidence_item_retire(item=agenda, user=editor)
    approved = _answers(client, assessment)
    assert approved[first.criterion.code]["self_assessed"]["evidence_url"] == "https://www.example.gov.uk/agenda-v2"
    assert approved[second.criterion.code]["self_assessed"]["evidence_url"] == ""
    assert all(row["self_assessed"]["evidence_url"] == "" for code, row in approved.items() if code != first.criterion.code)


@pytest.mark.parametrize("sent", [False, True], ids=["draft", "submitted"])
def test_the_answers_endpoint_does_not_query_per_answer_or_item(api, assessment, other_authority, people, sent):
    few, many = assessment, AssessmentFactory(authority=other_authority, round=assessment.round)
    for made, editor, per_answer in ((few, people["editor"], 0), (many, people["other_official"], 4)):
        answers = answer_every_criterion(made)
        items = [
            link_item(authority=made.authority, user=editor, title=f"Paper {n}", url=f"https://www.example.gov.uk/{n}")
            for n in range(max(per_answer, 1))
        ]
        # The few: one item on one answer. The many: four items on every answer.
        for answer in answers if per_answer else answers[:1]:
            _carry(answer, items)
        if sent:
            assessment_submit(assessment=made, user=editor)
    client = api(people["reviewer"])
    counts = []
    for made in (few, many):
        url = f"/api/v1/assessments/{made.pk}/answers/"
        client.get(url)  # stores missing scores once
        with CaptureQueriesContext(connection) as captured:
            body = client.get(url).json()
        assert all(row["self_assessed"]["evidence_url"].startswith("https://") for row in body) == (made is many)
        counts.append(len(captured))
    assert counts[0] == counts[1]
