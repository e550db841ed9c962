"""The round's criteria export names each answer's evidence: a link's address, a document's
title, type and version, in title order. The current version while the assessment is with the
authority; the version its submission cited once sent."""
import csv
import io

from django.urls import reverse

from assessments.models import Answer
from evidence.services import answer_evidence_set, evidence_item_replace, evidence_item_update

from .factories import document_item, link_item
from .files import pdf, upload


def _evidence_column(client, round_) -> dict[str, str]:
    response = client.get(reverse("dashboard-export-csv", args=[round_.pk]) + "?scope=all")
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header = next(line for line in lines if line and line[0] == "Authority code")
    rows = lines[lines.index(header) + 1:]
    return {row[header.index("Criterion code")]: row[header.index("Evidence")] for row in rows}


def test_the_criteria_csv_lists_each_answers_current_evidence(answered, people, client_for):
    editor = people["editor"]
    authority = answered.authority
    minutes = document_item(authority=authority, user=editor, title="Minutes", name="minutes.pdf")
    evidence_item_replace(item=minutes, user=editor, upload=upload("minutes-v2.pdf", pdf()))
    agenda = link_item(authority=authority, user=editor, title="Agenda", url="https://www.example.gov.uk/agenda")
    first, second = Answer.objects.filter(assessment=answered).order_by("criterion__step__number", "criterion__position")[:2]
    answer_evidence_set(answer=first, items=[minutes, agenda])
    answer_evidence_set(answer=second, items=[])

    by_code = _evidence_column(client_for("reviewer"), answered.round)
    first_code, second_code = first.criterion.code, second.criterion.code
    # "Agenda" before "Minutes"; the document's current version is 2, not the version first uploaded.
    assert by_code[first_code] == "https://www.example.gov.uk/agenda; Minutes (PDF, version 2)"
    assert by_code[second_code] == ""


def test_a_sent_assessments_export_keeps_the_versions_it_cited(answered, people, client_for):
    from assessments.models import AssessmentState
    from assessments.services.review import assessment_approve, assessment_start_review
    from assessments.services.submission import assessment_submit
    from evidence.services import evidence_item_retire

    editor = people["editor"]
    authority = answered.authority
    minutes = document_item(authority=authority, user=editor, title="Minutes", name="minutes.pdf")
    agenda = link_item(authority=authority, user=editor, title="Agenda", url="https://www.example.gov.uk/agenda")
    first = Answer.objects.filter(assessment=answered).order_by("criterion__step__number", "criterion__position")[0]
    answer_evidence_set(answer=first, items=[minutes, agenda])
    Answer.objects.filter(pk=first.pk).update(evidence_count=2)
    assessment_submit(assessment=answered, user=editor)
    assessment_start_review(assessment=answered, user=people["reviewer"])
    assessment_approve(assessment=answered, user=people["reviewer"])
    answered.refresh_from_db()
    assert answered.state == AssessmentState.APPROVED

    # After approval the items move on: a new document version, a new address, one retired.
    evidence_item_replace(item=minutes, user=editor, upload=upload("minutes-v2.pdf", pdf() + b"% v2\n"))
    evidence_item_replace(item=agenda, user=editor, url="https://www.example.gov.uk/agenda-v2")
    evidence_item_retire(item=agenda, user=editor)

    cited = "https://www.example.gov.uk/agenda; Minutes (PDF, version 1)"
    assert _evidence_column(client_for("reviewer"), answered.round)[first.criterion.code] == cited

    # Renamed after approval: the export keeps the title the submission recorded, as the review page does.
    evidence_item_update(item=minutes, user=editor, title="Board minutes, renamed", description="")
    assert _evidence_column(client_for("reviewer"), answered.round)[first.criterion.code] == cited
