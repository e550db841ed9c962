"""Admins' changes to one authority: its details, its councils, its abolition.

Every write goes through simple-history (``save``), so the authority's audit trail shows
who changed what. Memberships have no history model; a change to them is recorded as a
change reason on the authority's own history.
"""
from datetime import date

from django.db import transaction
from django.utils.formats import date_format

from assessments.models import (
    Authority,
    AuthorityKind,
    Constituent,
    Landscape,
    LocalAuthority,
    User,
)

from .authorities_csv import GSS_CODE, AuthorityRow
from .errors import ActionRefused
from .manage_authorities_csv import check_authority

EDITABLE_FIELDS = ("code", "name", "short_name", "kind", "has_mayor", "established")


def _record(authority: Authority, *, user: User, reason: str) -> None:
    authority._history_user = user
    authority._change_reason = reason


@transaction.atomic
def authority_update(*, authority: Authority, details: AuthorityRow, user: User) -> list[str]:
    """Change the authority's details; returns the names of the fields that changed."""
    problems = []
    if details.code and not GSS_CODE.match(details.code):
        problems.append("The GSS code must be E followed by 8 digits, like E47000001")
    if details.kind not in AuthorityKind.values:
        problems.append("Select a kind of authority from the list")
    if details.code and Authority.objects.exclude(pk=authority.pk).filter(code=details.code).exists():
        problems.append(f"Another authority already has the GSS code {details.code}")
    if Authority.objects.exclude(pk=authority.pk).filter(short_name=details.short_name).exists():
        problems.append(f"Another authority already has the short name {details.short_name}")
    if problems:
        raise ActionRefused("The authority was not changed.", details=problems)
    changed = [name for name in EDITABLE_FIELDS if getattr(authority, name) != getattr(details, name)]
    if changed:
        for name in changed:
            setattr(authority, name, getattr(details, name))
        _record(authority, user=user, reason="Details edited")
        authority.save(update_fields=changed)
    return changed


@transaction.atomic
def authority_add(*, details: AuthorityRow, source: str, user: User) -> Authority:
    """Add one authority, checked by the same rules as a row of an imported authorities file."""
    row = {
        "code": details.code or "", "name": details.name, "short_name": details.short_name, "kind": details.kind,
        "has_mayor": "true" if details.has_mayor else "false", "established": details.established, "source": source,
    }
    checked, problems = check_authority(row)
    messages = [problem.message for problem in problems]
    if checked is not None:
        if checked.code and Authority.objects.filter(code=checked.code).exists():
            messages.append(f"Another authority already has the GSS code {checked.code}")
        if Authority.objects.filter(short_name=checked.short_name).exists():
            messages.append(f"Another authority already has the short name {checked.short_name}")
    if messages:
        raise ActionRefused("The authority was not added.", details=messages)
    authority = Authority(
        code=checked.code, name=checked.name, short_name=checked.short_name, kind=checked.kind,
        has_mayor=checked.has_mayor, established=checked.established, source=checked.source or "Added by an admin",
    )
    _record(authority, user=user, reason="Added by an admin")
    authority.save()
    return authority


@transaction.atomic
def authority_abolish(*, authority: Authority, on: date, user: User) -> None:
    """Mark the authority abolished. Its assessments, people and history all stay."""
    if authority.abolished is not None:
        raise ActionRefused(f"{authority.short_name} is already marked abolished.")
    authority.abolished = on
    _record(authority, user=user, reason=f"Marked abolished from {date_format(on)}")
    authority.save(update_fields=["abolished"])


@transaction.atomic
def authority_reinstate(*, authority: Authority, user: User) -> None:
    """Undo a mistaken abolition."""
    if authority.abolished is None:
        raise ActionRefused(f"{authority.short_name} is not marked abolished.")
    authority.abolished = None
    _record(authority, user=user, reason="Abolition undone")
    authority.save(update_fields=["abolished"])


@transaction.atomic
def authority_set_councils(*, authority: Authority, landscape: str, codes: list[str], user: User) -> tuple[int, int]:
    """Make the authority's councils in ``landscape`` exactly ``codes``; returns (added, removed)."""
    if landscape not in Landscape.values:
        raise ActionRefused("Choose the current or the November 2020 landscape.")
    wanted = list(dict.fromkeys(code.strip().upper() for code in codes if code.strip()))
    malformed = [code for code in wanted if not GSS_CODE.match(code)]
    known = dict(LocalAuthority.objects.filter(code__in=wanted).values_list("code", "pk"))
    unknown = [code for code in wanted if code not in known and code not in malformed]
    if malformed or unknown:
        details = [f"{code} is not a GSS code (E followed by 8 digits)" for code in malformed]
        details += [f"{code} is not a council the service knows" for code in unknown]
        raise ActionRefused("The councils were not changed.", details=details)
    members = Constituent.objects.filter(authority=authority, landscape=landscape)
    existing = set(members.values_list("local_authority_id", flat=True))
    wanted_ids = {known[code] for code in wanted}
    added, removed = wanted_ids - existing, existing - wanted_ids
    Constituent.objects.bulk_create(
        Constituent(authority=authority, local_authority_id=pk, landscape=landscape, source="Set by an admin")
        for pk in added
    )
    members.filter(local_authority_id__in=removed).delete()
    if added or removed:
        label = Landscape(landscape).label
        _record(authority, user=user, reason=f"Councils ({label} landscape): {len(added)} added, {len(removed)} removed")
        # A history row with the reason, though no field of the authority changed.
        authority.save()
    return len(added), len(removed)
