"""Submission fixes versions; replacing keeps old versions; deleting is retiring once anything cites an item."""
import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from assessments.models import Answer, Submission
from assessments.services.errors import ActionRefused
from assessments.services.submission import assessment_submit
from evidence.models import EvidenceItem, EvidenceVersion
from evidence.services import evidence_item_delete, evidence_item_replace, evidence_item_retire, evidence_item_update
from tests.helpers import step_post

from . import files
from .factories import document_item, latest, link_item


def _attach_on_step(client, assessment, *, item=None, document=None, level="3"):
    """Save step 1 from the page, with 1.1 at ``level`` carrying a library item and/or a new document."""
    step = assessment.round.framework.steps.get(number=1)
    data = step_post(step, c1_1_level=level)
    for answer in Answer.objects.filter(assessment=assessment, criterion__step=step).select_related("criterion"):
        data[f"{answer.criterion.slug}-evidence-items"] = [str(pk) for pk in answer.evidence_links.values_list("item_id", flat=True)]
    if item is not None:
        data["c1-1-evidence-add"] = str(item.pk)
    if document is not None:
        data["c1-1-document"] = document
    return client.post(reverse("assessment-step", args=[assessment.pk, 1]), data)


def test_an_official_attaches_a_new_document_and_a_library_item_on_the_step_page(client_for, answered, people):
    client = client_for("editor")
    existing = link_item(authority=answered.authority, user=people["editor"], title="Board minutes")
    response = _attach_on_step(client, answered, item=existing, document=files.upload("Growth plan.pdf", files.pdf()))
    assert response.status_code == 302, response.content.decode()
    answer = Answer.objects.get(assessment=answered, criterion__code="1.1")
    titles = sorted(link.item.title for link in answer.evidence_links.select_related("item"))
    assert titles == ["Board minutes", "Growth plan"] and answer.evidence_count == 2 and answer.score == 3
    # The new document went into the library too, for other criteria and rounds.
    library = client.get(reverse("evidence-library", args=[answered.authority.pk])).content.decode()
    assert "Growth plan" in library and "Board minutes" in library


def test_level_3_without_any_evidence_is_refused_on_the_step_page(client_for, answered):
    response = _attach_on_step(client_for("editor"), answered)
    assert response.status_code == 400
    assert "Add evidence for 1.1: a link, a document or an item from your library" in response.content.decode()
    assert Answer.objects.get(assessment=answered, criterion__code="1.1").score == 2


def test_a_bad_document_on_the_step_page_saves_nothing(client_for, answered, people):
    exe = b"MZ" + b"\x00" * 300
    response = _attach_on_step(client_for("editor"), answered, document=files.upload("plan.pdf", exe))
    assert response.status_code == 400 and "The selected file must be a PDF" in response.content.decode()
    assert not EvidenceItem.objects.exists() and Answer.objects.get(assessment=answered, criterion__code="1.1").score == 2


def test_submission_fixes_the_version_the_reviewer_sees_and_downloads(client_for, answered, people):
    editor = people["editor"]
    item = document_item(authority=answered.authority, user=editor, content=files.pdf())
    assert _attach_on_step(client_for("editor"), answered, item=item).status_code == 302
    assessment_submit(assessment=answered, user=editor)
    first = latest(item)

    # Replaced after submitting: a new version for later answers; the submission keeps the first.
    new_content = files.pdf().replace(b"200 200", b"300 300")
    evidence_item_replace(item=item, user=editor, upload=files.upload("plan-v2.pdf", new_content))
    assert latest(item).number == 2

    evidence_item_update(item=item, user=editor, title="Renamed after sending", description="")
    reviewer = client_for("reviewer")
    review = reviewer.get(reverse("review-criterion", args=[answered.pk, "1.1"])).content.decode()
    assert "Growth plan" in review and "Renamed after sending" not in review  # the title as sent
    assert reverse("evidence-download", args=[first.pk]) in review
    assert reverse("evidence-download", args=[latest(item).pk]) not in review
    assert "version 1" in review and "a later version exists" in review
    served = reviewer.get(reverse("evidence-download", args=[first.pk]))
    assert b"".join(served.streaming_content) == files.pdf()
    # The authority's own read-only page shows what it sent, too.
    own = client_for("viewer").get(reverse("assessment-check", args=[answered.pk])).content.decode()
    assert reverse("evidence-download", args=[first.pk]) in own
    assert reverse("evidence-download", args=[latest(item).pk]) not in own
    snapshot = Submission.objects.get(assessment=answered).answers["1.1"]["evidence"]
    assert snapshot == [{"item": item.pk, "version": first.pk, "number": 1, "title": item.title}]


def test_deleting_is_retiring_once_a_submission_cites_an_item(answered, people):
    editor = people["editor"]
    from .factories import cited_in_a_submission

    cited_item = document_item(authority=answered.authority, user=editor, title="Cited")
    cited_in_a_submission(assessment=answered, item=cited_item, user=editor)
    with pytest.raises(ActionRefused, match="A submission cites this evidence"):
        evidence_item_delete(item=cited_item, user=editor)
    with pytest.raises(ProtectedError):  # and the database says so too, whatever path tries
        EvidenceItem.objects.filter(pk=cited_item.pk).delete()
    evidence_item_retire(item=cited_item, user=editor)
    cited_item.refresh_from_db()
    assert cited_item.is_retired and latest(cited_item).file.storage.exists(latest(cited_item).file.name)


def test_an_item_nothing_cites_is_deleted_with_its_files(django_capture_on_commit_callbacks, authority, people):
    editor = people["editor"]
    item = document_item(authority=authority, user=editor)
    version = latest(item)
    storage, name = version.file.storage, version.file.name
    with django_capture_on_commit_callbacks(execute=True):
        evidence_item_delete(item=item, user=editor)
    assert not EvidenceItem.objects.exists() and not EvidenceVersion.objects.exists()
    assert not storage.exists(name)


def test_the_remove_page_offers_delete_only_when_nothing_uses_the_item(client_for, answered, people):
    editor = people["editor"]
    from .factories import cited_in_a_submission

    free = document_item(authority=answered.authority, user=editor, title="Free")
    used = document_item(authority=answered.authority, user=editor, title="Used")
    cited_in_a_submission(assessment=answered, item=used, user=editor)
    client = client_for("editor")
    assert "Delete it" in client.get(reverse("evidence-remove", args=[free.pk])).content.decode()
    page = client.get(reverse("evidence-remove", args=[used.pk])).content.decode()
    assert "Delete it" not in page and "A submission cites this evidence" in page
    # Asking to delete anyway is refused with the reason; nothing changes.
    response = client.post(reverse("evidence-remove", args=[used.pk]), {"action": "delete"})
    assert response.status_code == 400 and EvidenceItem.objects.filter(pk=used.pk, retired_at__isnull=True).exists()
    assert client.post(reverse("evidence-remove", args=[used.pk]), {"action": "retire"}).status_code == 302
    assert EvidenceItem.objects.get(pk=used.pk).is_retired


def test_a_retired_item_is_not_offered_on_the_step_page_and_cannot_be_attached(client_for, answered, people):
    editor = people["editor"]
    item = link_item(authority=answered.authority, user=editor, title="Old strategy")
    evidence_item_retire(item=item, user=editor)
    client = client_for("editor")
    page = client.get(reverse("assessment-step", args=[answered.pk, 1])).content.decode()
    assert "Old strategy" not in page
    response = _attach_on_step(client, answered, item=item)
    assert response.status_code == 400  # not among the choices


def test_another_authoritys_item_cannot_be_attached(client_for, answered, other_authority, people):
    theirs = link_item(authority=other_authority, user=people["other_official"], title="Their plan")
    response = _attach_on_step(client_for("editor"), answered, item=theirs)
    assert response.status_code == 400
    assert not Answer.objects.filter(assessment=answered, evidence_links__item=theirs).exists()


def test_what_changed_since_the_last_submission_names_evidence_added_and_removed(client_for, answered, people):
    from assessments.models import AssessmentState

    editor = people["editor"]
    first_item = link_item(authority=answered.authority, user=editor, title="Old minutes", url="https://www.example.gov.uk/old")
    assert _attach_on_step(client_for("editor"), answered, item=first_item).status_code == 302
    assessment_submit(assessment=answered, user=editor)
    answered.refresh_from_db()
    type(answered).objects.filter(pk=answered.pk).update(state=AssessmentState.RETURNED)
    # Back with the authority: swap the old minutes for a new document.
    step = answered.round.framework.steps.get(number=1)
    data = step_post(step, c1_1_level="3")
    data["c1-1-evidence-items"] = []
    data["c1-1-document"] = files.upload("New minutes.pdf", files.pdf())
    assert client_for("editor").post(reverse("assessment-step", args=[answered.pk, 1]), data).status_code == 302
    answered.refresh_from_db()
    assessment_submit(assessment=answered, user=editor)
    page = client_for("reviewer").get(reverse("review-assessment", args=[answered.pk])).content.decode()
    assert "What changed since the last submission" in page
    assert "Added: New minutes (version 1)" in page and "Removed: Old minutes" in page


def test_an_approved_assessment_keeps_citing_what_it_sent_after_the_item_is_replaced_and_retired(
    client_for, answered, people
):
    from django.template.defaultfilters import filesizeformat
    from django.utils.dateformat import format as date_format

    from assessments.services.review import assessment_approve, assessment_start_review

    editor = people["editor"]
    item = document_item(authority=answered.authority, user=editor, content=files.pdf())
    assert _attach_on_step(client_for("editor"), answered, item=item).status_code == 302
    assessment_submit(assessment=answered, user=editor)
    assessment_start_review(assessment=answered, user=people["reviewer"])
    assessment_approve(assessment=answered, user=people["reviewer"])
    first = latest(item)

    evidence_item_replace(item=item, user=editor, upload=files.upload("plan-v2.pdf", files.pdf() + b"% v2\n"))
    evidence_item_retire(item=item, user=editor)

    review = client_for("lead_reviewer").get(reverse("review-criterion", args=[answered.pk, "1.1"])).content.decode()
    # Type, size, version and date of the version sent, with its download.
    meta = f"PDF, {filesizeformat(first.size)}, version 1, {date_format(first.created_at, 'j F Y')}"
    assert meta.replace("\xa0", "&nbsp;") in review or meta in review
    assert reverse("evidence-download", args=[first.pk]) in review
    assert reverse("evidence-download", args=[latest(item).pk]) not in review
    own = client_for("viewer").get(reverse("assessment-check", args=[answered.pk])).content.decode()
    assert reverse("evidence-download", args=[first.pk]) in own and "Growth plan" in own
    served = client_for("reviewer").get(reverse("evidence-download", args=[first.pk]))
    assert served.status_code == 200 and b"".join(served.streaming_content) == files.pdf()
