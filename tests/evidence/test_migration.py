"""The data migration: every evidence link already given becomes a library item, and nothing is lost."""
import pytest

from assessments.models import Answer, Submission
from evidence.models import AnswerEvidence, CitedEvidence, EvidenceItem
from tests.factories import AnswerFactory, AssessmentFactory, AuthorityFactory, UserFactory
from tests.migrating import migrate_to, migrate_to_latest

BEFORE = [("assessments", "0009_invitations_audited"), ("evidence", None)]


@pytest.mark.django_db(transaction=True)
def test_links_become_library_items_attached_to_their_answers_and_cited_by_earlier_submissions():
    editor = UserFactory()
    authority = AuthorityFactory()
    assessment = AssessmentFactory(authority=authority)
    shared = "https://www.example.gov.uk/growth-plan"
    one = AnswerFactory(assessment=assessment, score=3, evidence_url=shared, answered_by=editor)
    two = AnswerFactory(assessment=assessment, score=4, evidence_url=shared, answered_by=editor)
    three = AnswerFactory(assessment=assessment, score=1, evidence_url="https://www.example.gov.uk/minutes", answered_by=editor)
    plain = AnswerFactory(assessment=assessment, score=2, answered_by=editor)
    other = AnswerFactory(assessment=AssessmentFactory(), score=3, evidence_url=shared)
    try:
        old_apps = migrate_to(BEFORE)  # back to one link column per answer (the reverse puts links back)
        OldAnswer, OldSubmission = old_apps.get_model("assessments", "Answer"), old_apps.get_model("assessments", "Submission")
        assert OldAnswer.objects.get(pk=one.pk).evidence_url == shared
        assert OldAnswer.objects.get(pk=plain.pk).evidence_url == ""
        OldSubmission.objects.create(
            assessment_id=assessment.pk, number=1, submitted_by_id=editor.pk, submitted_at=one.answered_at,
            answers={one.criterion.code: {"level": "3", "justification": "x", "evidence": shared},
                     plain.criterion.code: {"level": "2", "justification": "y", "evidence": ""}},
        )
    finally:
        migrate_to_latest()

    # One item per authority and address: the shared link is one item for this authority, another for the other.
    items = EvidenceItem.objects.filter(authority=authority)
    assert sorted(items.values_list("versions__url", flat=True)) == [
        "https://www.example.gov.uk/growth-plan", "https://www.example.gov.uk/minutes",
    ]
    assert EvidenceItem.objects.filter(authority=other.assessment.authority).count() == 1
    for answer in (one, two, three):
        reloaded = Answer.objects.get(pk=answer.pk)
        assert reloaded.evidence_count == 1 and reloaded.evidence_links.count() == 1
    assert Answer.objects.get(pk=plain.pk).evidence_count == 0
    assert AnswerEvidence.objects.filter(answer__assessment=assessment).count() == 3
    submission = Submission.objects.get(assessment=assessment)
    cited = CitedEvidence.objects.get(submission=submission)
    assert cited.version.url == shared and cited.criterion_id == one.criterion_id
    assert submission.answers[one.criterion.code]["evidence"] == [
        {"item": cited.version.item_id, "version": cited.version_id, "number": 1, "title": "https://www.example.gov.uk/growth-plan"}
    ]
    assert submission.answers[plain.criterion.code]["evidence"] == []
