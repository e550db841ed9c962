"""Evidence made through the services, as an editor would make it."""
from django.utils import timezone

from assessments.models import Answer, Assessment, Submission, User
from evidence.models import CitedEvidence, EvidenceItem, EvidenceVersion
from evidence.services import answer_evidence_set, evidence_item_create

from .files import pdf, upload


def document_item(*, authority, user: User, name: str = "plan.pdf", content: bytes | None = None,
                  title: str = "Growth plan") -> EvidenceItem:
    return evidence_item_create(authority=authority, user=user, title=title, upload=upload(name, content or pdf()))


def link_item(*, authority, user: User, url: str = "https://www.example.gov.uk/plan", title: str = "Plan") -> EvidenceItem:
    return evidence_item_create(authority=authority, user=user, title=title, url=url)


def latest(item: EvidenceItem) -> EvidenceVersion:
    return item.versions.order_by("-number").first()


def cited_in_a_submission(*, assessment: Assessment, item: EvidenceItem, user: User) -> Submission:
    """The item carried by the assessment's first answer and cited (current version) by a new submission."""
    answer = Answer.objects.filter(assessment=assessment).order_by("criterion__step__number", "criterion__position").first()
    answer_evidence_set(answer=answer, items=[item, *[link.item for link in answer.evidence_links.all()]])
    Answer.objects.filter(pk=answer.pk).update(evidence_count=answer.evidence_links.count())
    number = Submission.objects.filter(assessment=assessment).count() + 1
    submission = Submission.objects.create(
        assessment=assessment, number=number, submitted_by=user, submitted_at=timezone.now(), answers={}
    )
    CitedEvidence.objects.create(submission=submission, criterion=answer.criterion, version=latest(item))
    return submission
