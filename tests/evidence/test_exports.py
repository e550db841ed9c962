"""The round's criteria export names each answer's evidence: a link's address, a document's
title, type and current version, in title order."""
import csv
import io

from django.urls import reverse

from assessments.models import Answer
from evidence.services import answer_evidence_set, evidence_item_replace

from .factories import document_item, link_item
from .files import pdf, upload


def test_the_criteria_csv_lists_each_answers_current_evidence(answered, people, client_for):
    editor = people["editor"]
    authority = answered.authority
    minutes = document_item(authority=authority, user=editor, title="Minutes", name="minutes.pdf")
    evidence_item_replace(item=minutes, user=editor, upload=upload("minutes-v2.pdf", pdf()))
    agenda = link_item(authority=authority, user=editor, title="Agenda", url="https://www.example.gov.uk/agenda")
    first, second = Answer.objects.filter(assessment=answered).order_by("criterion__step__number", "criterion__position")[:2]
    answer_evidence_set(answer=first, items=[minutes, agenda])
    answer_evidence_set(answer=second, items=[])

    response = client_for("reviewer").get(reverse("dashboard-export-csv", args=[answered.round.pk]) + "?scope=all")
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header = next(line for line in lines if line and line[0] == "Authority code")
    rows = lines[lines.index(header) + 1:]
    by_code = {row[header.index("Criterion code")]: row[header.index("Evidence")] for row in rows}
    first_code, second_code = first.criterion.code, second.criterion.code
    # "Agenda" before "Minutes"; the document's current version is 2, not the version first uploaded.
    assert by_code[first_code] == "https://www.example.gov.uk/agenda; Minutes (PDF, version 2)"
    assert by_code[second_code] == ""
