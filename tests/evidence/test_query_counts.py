"""The library, item and step pages read a constant number of queries, however much evidence there is."""
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Answer
from evidence.services import answer_evidence_set

from .factories import cited_in_a_submission, document_item, link_item


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _add_items(authority, editor, count: int, start: int = 0) -> list:
    return [
        link_item(authority=authority, user=editor, title=f"Paper {n}", url=f"https://www.example.gov.uk/paper-{n}")
        for n in range(start, start + count)
    ]


def test_pages_do_not_query_per_item(client_for, answered, people):
    editor = people["editor"]
    client = client_for("editor")
    step_1 = Answer.objects.filter(assessment=answered, criterion__step__number=1)
    document = document_item(authority=answered.authority, user=editor)
    cited_in_a_submission(assessment=answered, item=document, user=editor)
    urls = {
        "library": reverse("evidence-library", args=[answered.authority.pk]),
        "step": reverse("assessment-step", args=[answered.pk, 1]),
        "item": reverse("evidence-item", args=[document.pk]),
    }
    few = {name: _queries(client, url) for name, url in urls.items()}
    # Many more items, several carried by every answer of the step.
    items = _add_items(answered.authority, editor, 30)
    for answer in step_1:
        answer_evidence_set(answer=answer, items=[*items[:5], *[link.item for link in answer.evidence_links.all()]])
        Answer.objects.filter(pk=answer.pk).update(evidence_count=answer.evidence_links.count())
    many = {name: _queries(client, url) for name, url in urls.items()}
    assert many == few
