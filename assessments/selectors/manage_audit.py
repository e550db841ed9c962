"""The audit trail: simple-history records of people, access, authorities and rounds.

Each model keeps its own history table; the trail merges the newest records of each.
"""
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from assessments.models import Authority, AuthorityAccess, Framework, Round, User

CHANGE_TYPES = {"+": "Created", "~": "Changed", "-": "Deleted"}
HIDDEN_FIELDS = {"id", "history_id", "history_date", "history_change_reason", "history_type", "history_user", "password"}


@dataclass(frozen=True)
class AuditEntry:
    when: datetime
    what: str
    subject: str
    action: str
    changes: list[str]
    reason: str
    by: str


def _previous_records(records: list, model) -> dict[int, object]:
    """history_id -> the record before it for the same object, in one query (no per-row lookups)."""
    ids = {record.id for record in records}
    earlier: dict[int, list] = {}
    for record in model.history.filter(id__in=ids).order_by("history_date", "history_id"):
        earlier.setdefault(record.id, []).append(record)
    previous = {}
    for chain in earlier.values():
        for before, after in pairwise(chain):
            previous[after.history_id] = before
    return previous


def _describe(record, what: str, subject: str, previous=None) -> AuditEntry:
    changes = []
    if previous is not None and record.history_type == "~":
        delta = record.diff_against(previous, foreign_keys_are_objs=False)
        changes = [
            f"{change.field.replace('_', ' ')}: {change.old or 'blank'} → {change.new or 'blank'}"
            for change in delta.changes
            if change.field not in HIDDEN_FIELDS
        ]
    return AuditEntry(
        when=record.history_date,
        what=what,
        subject=subject,
        action=CHANGE_TYPES.get(record.history_type, record.history_type),
        changes=changes,
        reason=record.history_change_reason or "",
        by=str(record.history_user) if record.history_user_id else "the system",
    )


def _entries(records: list, model, what: str, subject) -> list[AuditEntry]:
    previous = _previous_records(records, model)
    return [_describe(r, what, subject(r), previous.get(r.history_id)) for r in records]


def user_trail(*, user: User) -> list[AuditEntry]:
    """Changes to the person and to their access to authorities, newest first."""
    people = list(User.history.filter(id=user.pk).select_related("history_user"))
    access = list(AuthorityAccess.history.filter(user_id=user.pk).select_related("history_user", "authority"))
    entries = _entries(people, User, "Person", lambda r: r.email)
    entries += _entries(access, AuthorityAccess, "Access", lambda r: f"{r.authority.short_name}: {r.get_level_display()}")
    return sorted(entries, key=lambda e: e.when, reverse=True)


def authority_trail(*, authority: Authority) -> list[AuditEntry]:
    records = list(Authority.history.filter(id=authority.pk).select_related("history_user").order_by("-history_date"))
    return _entries(records, Authority, "Authority", lambda r: r.short_name)


def recent_trail(*, limit: int = 100) -> list[AuditEntry]:
    """The newest ``limit`` changes across people, access, authorities, rounds and framework versions (a few queries)."""
    sources = [
        (User, ("history_user",), "Person", lambda r: r.email),
        (AuthorityAccess, ("history_user", "authority", "user"), "Access",
         lambda r: f"{r.user.email} at {r.authority.short_name}: {r.get_level_display()}"),
        (Authority, ("history_user",), "Authority", lambda r: r.short_name),
        (Round, ("history_user",), "Round", lambda r: r.name),
        (Framework, ("history_user",), "Framework", lambda r: f"{r.name} version {r.version}"),
    ]
    entries = []
    for model, related, what, subject in sources:
        records = list(model.history.select_related(*related).order_by("-history_date")[:limit])
        entries += _entries(records, model, what, subject)
    return sorted(entries, key=lambda e: e.when, reverse=True)[:limit]
