"""Who may download a document, and what the response tells the browser."""
import pytest
from django.urls import reverse

from evidence.models import EvidenceItem

from .factories import cited_in_a_submission, document_item, latest
from .files import pdf

# Own authority's officials always; central reviewers, lead reviewers and admins for what a submission cites.
EXPECTED = {
    "anonymous": 302, "other_official": 404, "viewer": 200, "editor": 200,
    "reviewer": 200, "lead_reviewer": 200, "admin": 200,
}


@pytest.fixture
def cited(answered, people):
    item = document_item(authority=answered.authority, user=people["editor"])
    cited_in_a_submission(assessment=answered, item=item, user=people["editor"])
    return latest(item)


@pytest.fixture
def uncited(authority, people):
    """A document only in the library: no answer carries it, no submission cites it."""
    return latest(document_item(authority=authority, user=people["editor"], title="Draft notes"))


@pytest.mark.parametrize("role", list(EXPECTED))
def test_download_of_a_cited_document_by_role(client_for, cited, role):
    response = client_for(role).get(reverse("evidence-download", args=[cited.pk]))
    assert response.status_code == EXPECTED[role]
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == pdf()


@pytest.mark.parametrize("role", ["reviewer", "lead_reviewer", "admin", "other_official"])
def test_central_staff_cannot_browse_a_library_document_nothing_cites(client_for, uncited, role):
    assert client_for(role).get(reverse("evidence-download", args=[uncited.pk])).status_code == 404


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_own_officials_download_their_library_documents(client_for, uncited, role):
    assert client_for(role).get(reverse("evidence-download", args=[uncited.pk])).status_code == 200


def test_an_other_authoritys_document_is_404_even_when_cited(client_for, other_authority, people):
    from tests.factories import AssessmentFactory, answer_every_criterion

    theirs = AssessmentFactory(authority=other_authority)
    answer_every_criterion(theirs)
    their_editor = people["other_official"]
    item = document_item(authority=other_authority, user=their_editor)
    cited_in_a_submission(assessment=theirs, item=item, user=their_editor)
    assert client_for("editor").get(reverse("evidence-download", args=[latest(item).pk])).status_code == 404


def test_response_headers_make_the_browser_save_not_render(client_for, cited):
    response = client_for("reviewer").get(reverse("evidence-download", args=[cited.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"] and "default-src 'none'" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_link_version_has_nothing_to_download(client_for, authority, people):
    from .factories import link_item

    item = link_item(authority=authority, user=people["editor"])
    assert client_for("editor").get(reverse("evidence-download", args=[latest(item).pk])).status_code == 404


def test_the_public_page_never_shows_evidence(client, cited, answered, people):
    """Published results list scores only: no titles, no download addresses."""
    from django.utils import timezone

    from assessments.models import AssessmentState

    answered.state, answered.submitted_at, answered.submitted_by = AssessmentState.APPROVED, timezone.now(), people["editor"]
    answered.save()
    answered.round.published_at, answered.round.published_by = timezone.now(), people["admin"]
    answered.round.save()
    page = client.get(reverse("public-round", args=[answered.round.pk])).content.decode()
    assert "evidence/versions" not in page and EvidenceItem.objects.get().title not in page
