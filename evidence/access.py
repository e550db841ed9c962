"""Who may read, change and download an authority's evidence (the assessments access layer decides).

The library is the authority's own: its viewers read it, its editors change it, anyone
else gets 404. A document is downloaded by the authority's officials, and by central
reviewers (lead reviewers and admins too) when a submission cites that version or an
answer they can review carries the item; never by other authorities or the public.
"""
from django.core.exceptions import PermissionDenied
from django.http import Http404

from assessments.access.authorities import is_editor_of, user_authority_levels
from assessments.access.review import is_reviewer
from assessments.models import Authority, User

from .models import EvidenceItem, EvidenceVersion


def is_official_of(*, user: User, authority_id: int) -> bool:
    return bool(user.is_authenticated and user.is_active and authority_id in user_authority_levels(user=user))


def access_library(*, user: User, pk: int) -> Authority:
    """The authority whose library the user may read: its own officials only (404 for anyone else)."""
    try:
        authority = Authority.objects.get(pk=pk)
    except Authority.DoesNotExist:
        raise Http404("No such authority") from None
    if not is_official_of(user=user, authority_id=authority.pk):
        raise Http404("No such authority") from None
    return authority


def require_library_editor(*, user: User, authority: Authority) -> None:
    if not is_editor_of(user=user, authority_id=authority.pk):
        raise PermissionDenied("You can read your authority’s evidence library, but only its editors can change it.")


def access_library_for_edit(*, user: User, pk: int) -> Authority:
    authority = access_library(user=user, pk=pk)
    require_library_editor(user=user, authority=authority)
    return authority


def access_item(*, user: User, pk: int) -> EvidenceItem:
    try:
        item = EvidenceItem.objects.select_related("authority", "created_by", "retired_by").get(pk=pk)
    except EvidenceItem.DoesNotExist:
        raise Http404("No such evidence") from None
    if not is_official_of(user=user, authority_id=item.authority_id):
        raise Http404("No such evidence") from None
    return item


def access_item_for_edit(*, user: User, pk: int) -> EvidenceItem:
    item = access_item(user=user, pk=pk)
    require_library_editor(user=user, authority=item.authority)
    return item


def can_download(*, user: User, version: EvidenceVersion) -> bool:
    authority_id = version.item.authority_id
    if is_official_of(user=user, authority_id=authority_id):
        return True
    if not is_reviewer(user):
        return False
    # Reviewers see what is under review: a version some submission cited, or an item an answer carries now.
    return version.citations.exists() or (
        version.item.answer_links.exists() and version.number == version.item.versions.order_by("-number")[0].number
    )


def access_version_for_download(*, user: User, pk: int) -> EvidenceVersion:
    """The document version if this user may download it; 404 otherwise (never a hint that it exists)."""
    try:
        version = EvidenceVersion.objects.select_related("item").get(pk=pk)
    except EvidenceVersion.DoesNotExist:
        raise Http404("No such document") from None
    if not version.is_document or not can_download(user=user, version=version):
        raise Http404("No such document") from None
    return version
