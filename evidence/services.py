"""Writing the evidence library: add, rename, replace (a new version), retire, delete; attach to answers.

Keyword-only, atomic; the authority row is locked while a document is added so two uploads
cannot both squeeze under the quota. Refusals are ``ActionRefused`` with the reason.
"""
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Sum
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from assessments.access.authorities import is_editor_of
from assessments.models import Answer, Authority, Submission, User
from assessments.services.errors import ActionRefused

from .documents import document_check
from .models import (
    DESCRIPTION_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    AnswerEvidence,
    CitedEvidence,
    EvidenceItem,
    EvidenceKind,
    EvidenceVersion,
)
from .validators import link_problem


def authority_used_bytes(*, authority: Authority) -> int:
    """Bytes the authority stores: every version of every document, retired ones included."""
    return EvidenceVersion.objects.filter(item__authority=authority).aggregate(total=Sum("size"))["total"] or 0


def quota_bytes() -> int:
    return settings.EVIDENCE_QUOTA_BYTES


def _require_editor(*, user: User, authority: Authority) -> None:
    if not is_editor_of(user=user, authority_id=authority.pk):
        raise ActionRefused("Only your authority’s editors can change its evidence library.")


def _clean_text(*, title: str, description: str) -> tuple[str, str]:
    title, description = title.strip(), description.strip()
    if not title:
        raise ActionRefused("Enter a title for the evidence.")
    if len(title) > TITLE_MAX_LENGTH or len(description) > DESCRIPTION_MAX_LENGTH:
        raise ActionRefused("The title or description is too long.")
    return title, description


def _add_version(*, item: EvidenceItem, user: User, url: str = "", upload: UploadedFile | None = None) -> EvidenceVersion:
    number = (item.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = EvidenceVersion(item=item, number=number, created_by=user)
    if item.kind == EvidenceKind.LINK:
        url = url.strip()
        problem = link_problem(url)
        if problem or upload is not None:
            raise ActionRefused(problem or "A link cannot be replaced by a document: add the document as a new item.")
        version.url = url
    else:
        if upload is None or url:
            raise ActionRefused("Choose a document to upload.")
        try:
            checked = document_check(upload)
        except ValidationError as error:
            raise ActionRefused(error.messages[0]) from error
        Authority.objects.select_for_update().filter(pk=item.authority_id).first()  # lock, then recheck the quota
        used = authority_used_bytes(authority=item.authority)
        if used + checked.size > quota_bytes():
            raise ActionRefused(
                f"Your authority’s evidence library is full: it holds {filesizeformat(used)} of "
                f"{filesizeformat(quota_bytes())}. Delete documents nothing cites, or ask us for more space."
            )
        version.filename, version.content_type = checked.filename, checked.kind.content_type
        version.size, version.sha256 = checked.size, checked.sha256
        # The stored name is ours: the authority and a random name with the real type's extension.
        stored = f"{item.authority_id}/{uuid.uuid4().hex}.{checked.kind.extensions[0]}"
        upload.seek(0)
        # Stored before the row is written: a rolled-back save can leave an unreferenced file
        # (never one a row points at without a file); see docs/deploy.md.
        version.file.save(stored, upload, save=False)
    version.save()
    return version


@transaction.atomic
def evidence_item_create(
    *, authority: Authority, user: User, title: str, description: str = "", url: str = "",
    upload: UploadedFile | None = None,
) -> EvidenceItem:
    """A new library item: a link (``url``) or a document (``upload``), as version 1."""
    _require_editor(user=user, authority=authority)
    title, description = _clean_text(title=title, description=description)
    if bool(url.strip()) == (upload is not None):
        raise ActionRefused("Give either a link or a document.")
    kind = EvidenceKind.DOCUMENT if upload is not None else EvidenceKind.LINK
    item = EvidenceItem.objects.create(
        authority=authority, title=title, description=description, kind=kind, created_by=user
    )
    _add_version(item=item, user=user, url=url, upload=upload)
    return item


def evidence_link_for_answer(*, authority: Authority, user: User, url: str) -> EvidenceItem:
    """The library's live item for this link, added (titled by its address) if there is none yet."""
    url = url.strip()
    existing = (
        EvidenceItem.objects.filter(authority=authority, kind=EvidenceKind.LINK, retired_at__isnull=True)
        .filter(versions__url=url)
        .order_by("pk")
        .first()
    )
    if existing is not None and existing.versions.order_by("-number")[0].url == url:
        return existing
    return evidence_item_create(authority=authority, user=user, title=link_title(url), url=url)


def link_title(url: str) -> str:
    """The title of a link added from a step page: its address, which is what the person typed and sees."""
    return url[: TITLE_MAX_LENGTH - 1] + "…" if len(url) > TITLE_MAX_LENGTH else url


def document_title(filename: str) -> str:
    return filename.rsplit(".", 1)[0][:TITLE_MAX_LENGTH] or "Document"


def _locked(item: EvidenceItem) -> EvidenceItem:
    return EvidenceItem.objects.select_for_update().select_related("authority").get(pk=item.pk)


@transaction.atomic
def evidence_item_update(*, item: EvidenceItem, user: User, title: str, description: str) -> EvidenceItem:
    """Rename or re-describe an item. Submissions keep the version they cited; titles are not versioned."""
    locked = _locked(item)
    _require_editor(user=user, authority=locked.authority)
    locked.title, locked.description = _clean_text(title=title, description=description)
    locked.save(update_fields=["title", "description"])
    return locked


@transaction.atomic
def evidence_item_replace(
    *, item: EvidenceItem, user: User, url: str = "", upload: UploadedFile | None = None
) -> EvidenceVersion:
    """A new version; earlier ones are kept, and submissions that cited them still show and serve them."""
    locked = _locked(item)
    _require_editor(user=user, authority=locked.authority)
    if locked.is_retired:
        raise ActionRefused("This item is retired, so it cannot be replaced. Add a new item instead.")
    return _add_version(item=locked, user=user, url=url, upload=upload)


def deletion_refusal(*, item: EvidenceItem) -> str | None:
    """Why the item can only be retired, not deleted, or None if nothing cites or carries it."""
    if CitedEvidence.objects.filter(version__item=item).exists():
        return "A submission cites this evidence, so it is kept. You can retire it so it cannot be attached again."
    if AnswerEvidence.objects.filter(item=item).exists():
        return "An answer uses this evidence. Remove it from the answer first, or retire it."
    return None


@transaction.atomic
def evidence_item_retire(*, item: EvidenceItem, user: User) -> EvidenceItem:
    """Retired: kept for what cites it, no longer offered for answers."""
    locked = _locked(item)
    _require_editor(user=user, authority=locked.authority)
    if locked.is_retired:
        raise ActionRefused("This item is already retired.")
    locked.retired_at, locked.retired_by = timezone.now(), user
    locked.save(update_fields=["retired_at", "retired_by"])
    return locked


@transaction.atomic
def evidence_item_delete(*, item: EvidenceItem, user: User) -> None:
    """Destroy an item nothing cites or carries, and its stored documents once the deletion commits."""
    locked = _locked(item)
    _require_editor(user=user, authority=locked.authority)
    reason = deletion_refusal(item=locked)
    if reason:
        raise ActionRefused(reason)
    files = [(v.file.storage, v.file.name) for v in locked.versions.all() if v.file]
    locked.delete()  # PROTECT on citations and answer links makes the rule a database one too
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def answer_evidence_set(*, answer: Answer, items: Iterable[EvidenceItem]) -> bool:
    """Make ``items`` the answer's evidence (inside the caller's transaction). True if anything changed.

    Items must be the answer's authority's; a retired item may stay where it already is but
    is never newly attached.
    """
    wanted = {item.pk: item for item in items}
    current = set(AnswerEvidence.objects.filter(answer=answer).values_list("item_id", flat=True))
    for item in wanted.values():
        if item.authority_id != answer.assessment.authority_id:
            raise ActionRefused("Evidence must come from your authority’s own library.")
        if item.is_retired and item.pk not in current:
            raise ActionRefused(f"“{item.title}” is retired, so it cannot be attached.")
    added, removed = set(wanted) - current, current - set(wanted)
    if removed:
        AnswerEvidence.objects.filter(answer=answer, item_id__in=removed).delete()
    AnswerEvidence.objects.bulk_create([AnswerEvidence(answer=answer, item_id=pk) for pk in sorted(added)])
    return bool(added or removed)


def submission_cite_evidence(*, submission: Submission) -> dict[str, list[dict]]:
    """Fix, for this submission, the current version of every item its answers carry.

    Returns criterion code -> the cited versions as plain values for the submission's
    snapshot (so "what changed since the last submission" can name evidence added or removed).
    """
    links = (
        AnswerEvidence.objects.filter(answer__assessment_id=submission.assessment_id)
        .exclude(answer__score__isnull=True, answer__not_applicable=False)  # only answers the submission counts
        .select_related("answer__criterion", "item")
        .order_by("answer__criterion_id", "item__title", "item_id")
    )
    latest = {}
    for version in EvidenceVersion.objects.filter(item_id__in=[link.item_id for link in links]).order_by("item_id", "number"):
        latest[version.item_id] = version
    cited, snapshot = [], {}
    for link in links:
        version = latest[link.item_id]
        cited.append(CitedEvidence(submission=submission, criterion=link.answer.criterion, version=version))
        snapshot.setdefault(link.answer.criterion.code, []).append(cited_value(item=link.item, version=version))
    CitedEvidence.objects.bulk_create(cited)
    return snapshot


def cited_value(*, item: EvidenceItem, version: EvidenceVersion) -> dict:
    """One cited version as kept in a submission's snapshot."""
    return {"item": item.pk, "version": version.pk, "number": version.number, "title": item.title}

