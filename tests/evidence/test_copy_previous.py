"""Copying from the previous round brings its evidence items along, except retired ones."""
from django.urls import reverse

from assessments.models import Answer
from evidence.services import answer_evidence_set, evidence_item_retire
from tests.test_previous_round import approved_previous

from . import files
from .factories import document_item


def test_copying_brings_documents_and_links_but_not_retired_items(client_for, assessment, people):
    editor = people["editor"]
    previous = approved_previous(assessment.authority)
    answers = {a.criterion.code: a for a in Answer.objects.filter(assessment=previous).select_related("criterion")}
    plan = document_item(authority=assessment.authority, user=editor, title="Roadmap", content=files.pdf())
    old_minutes = document_item(authority=assessment.authority, user=editor, title="Old minutes")
    answer_evidence_set(answer=answers["1.1"], items=[plan, *[link.item for link in answers["1.1"].evidence_links.all()]])
    # 1.2's only evidence is retired: a level 3 cannot be copied complete without it.
    answers["1.2"].evidence_links.all().delete()
    answer_evidence_set(answer=answers["1.2"], items=[old_minutes])
    evidence_item_retire(item=old_minutes, user=editor)

    client_for("editor").post(reverse("assessment-copy-previous", args=[assessment.pk]))
    copied = {a.criterion.code: a for a in Answer.objects.filter(assessment=assessment).select_related("criterion")}
    carried = sorted(link.item.title for link in copied["1.1"].evidence_links.select_related("item"))
    assert "Roadmap" in carried and copied["1.1"].evidence_count == len(carried) == 2
    assert copied["1.1"].score == 3 and copied["1.1"].copied_from_previous
    assert not copied["1.2"].evidence_links.exists() and copied["1.2"].in_progress and copied["1.2"].pending_score == 3
