"""Demo and benchmark data: evidence links for bulk-created answers, as library items."""
from collections.abc import Iterable

from assessments.models import Answer

from .models import AnswerEvidence, EvidenceItem, EvidenceKind, EvidenceVersion
from .services import link_title


def link_evidence_bulk_seed(*, answers: Iterable[Answer], urls: dict[int, str]) -> int:
    """Attach ``urls`` (answer pk -> https link) as library links, one item per authority and address.

    For seeding only (answers bulk-created with ``evidence_count`` already 1); returns items made.
    """
    answers = [answer for answer in answers if answer.pk in urls]
    authority_of = {answer.pk: answer.assessment.authority_id for answer in answers}
    wanted = {(authority_of[answer.pk], urls[answer.pk]): answer.answered_by_id for answer in answers}
    items = {
        key: EvidenceItem(authority_id=key[0], title=link_title(key[1]), kind=EvidenceKind.LINK, created_by_id=user_id)
        for key, user_id in wanted.items()
    }
    EvidenceItem.objects.bulk_create(items.values(), batch_size=2000)
    EvidenceVersion.objects.bulk_create(
        [EvidenceVersion(item=item, number=1, url=key[1], created_by_id=item.created_by_id) for key, item in items.items()],
        batch_size=2000,
    )
    AnswerEvidence.objects.bulk_create(
        [AnswerEvidence(answer=answer, item=items[(authority_of[answer.pk], urls[answer.pk])]) for answer in answers],
        batch_size=2000,
    )
    return len(items)


DEMO_DOCUMENT = (
    "Greater Manchester Strategy: summary of progress (demo)\n\n"
    "This text stands in for a document an authority uploads to its evidence library.\n"
    "Board approval: March 2026. Next review: March 2027.\n"
).encode()


def demo_document_seed(*, authority, user) -> bool:
    """One small document in the authority's library (once), so the demo shows uploads too."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .services import evidence_item_create

    if EvidenceItem.objects.filter(authority=authority, kind=EvidenceKind.DOCUMENT).exists():
        return False
    evidence_item_create(
        authority=authority, user=user, title="Greater Manchester Strategy: progress summary",
        description="Demo document: a plain text file.",
        upload=SimpleUploadedFile("gm-strategy-progress.txt", DEMO_DOCUMENT, content_type="text/plain"),
    )
    return True
