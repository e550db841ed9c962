"""The audit trail: simple-history records of people, access, authorities, rounds,
framework versions, invitations and assessments.

Each model keeps its own history table; the trail merges the newest records of each,
filtered in the database by who made the change, what kind of object it was (and its
name) and when. Changes are described for people: names rather than ids, GOV.UK dates,
"Signed in" rather than a change with nothing in it.
"""
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q
from django.utils.formats import date_format

from assessments.dates import govuk_datetime
from assessments.models import Assessment, Authority, AuthorityAccess, Framework, Invitation, Round, User

from .history import with_previous

CHANGE_TYPES = {"+": "Created", "~": "Changed", "-": "Deleted"}
HIDDEN_FIELDS = {"id", "history_id", "history_date", "history_change_reason", "history_type", "history_user", "password"}
SIGNED_IN = "Signed in"  # the reason given to the record Django's last_login update makes


@dataclass(frozen=True)
class AuditEntry:
    when: datetime
    what: str
    subject: str
    action: str
    changes: list[str]
    reason: str
    by: str


@dataclass(frozen=True)
class AuditFilters:
    person: str = ""  # part of the name or email of who made the change
    what: str = ""  # one of SOURCES' labels
    subject: str = ""  # part of the object's name
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class Source:
    model: type
    related: tuple[str, ...]
    what: str
    subject: object  # record -> its name
    subject_fields: tuple[str, ...]  # fields of the history record to search by name


SOURCES = [
    Source(User, ("history_user",), "Person", lambda r: f"{r.full_name} ({r.email})" if r.full_name else r.email,
           ("full_name", "email")),
    Source(AuthorityAccess, ("history_user", "authority", "user"), "Access",
           lambda r: f"{r.user} at {r.authority.short_name}: {r.get_level_display()}",
           ("user__full_name", "user__email", "authority__name", "authority__short_name")),
    Source(Authority, ("history_user",), "Authority", lambda r: r.name, ("name", "short_name")),
    Source(Round, ("history_user",), "Round", lambda r: r.name, ("name",)),
    Source(Framework, ("history_user",), "Framework", lambda r: f"{r.name} version {r.version}", ("name",)),
    Source(Invitation, ("history_user",), "Invitation", lambda r: r.email, ("email", "full_name")),
    # Deadlines extended, assessments reopened after closing, submissions and decisions.
    Source(Assessment, ("history_user", "authority", "round"), "Assessment",
           lambda r: f"{r.authority.short_name} in {r.round.name}", ("authority__name", "authority__short_name", "round__name")),
]
WHAT_CHOICES = [source.what for source in SOURCES]
# Foreign keys shown in changes, by field name: the model whose name replaces the id.
NAMED_KEYS = {"user": User, "authority": Authority, "published_by": User, "framework": Framework,
              "copied_from": Framework, "invited_by": User, "submitted_by": User, "assigned_reviewer": User,
              "round": Round}


def _previous_records(records: list, model) -> dict[int, object]:
    """history_id -> the record before it for the same object, in one query (no per-row lookups)."""
    ids = {record.id for record in records}
    chain = model.history.filter(id__in=ids).order_by("history_date", "history_id")
    return {after.history_id: before for before, after in with_previous(chain) if before is not None}


def _shown(value, field: str, names: dict) -> str:
    if value is None or value == "":
        return "blank"
    if field in NAMED_KEYS:
        return names.get((NAMED_KEYS[field], value), f"deleted ({value})")
    if isinstance(value, datetime):
        return govuk_datetime(value)
    if isinstance(value, date):
        return date_format(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "none"
    return str(value)


def _deltas(records: list, previous: dict) -> dict[int, list]:
    deltas = {}
    for record in records:
        before = previous.get(record.history_id)
        if before is not None and record.history_type == "~":
            delta = record.diff_against(before, foreign_keys_are_objs=False)
            deltas[record.history_id] = [c for c in delta.changes if c.field not in HIDDEN_FIELDS]
    return deltas


def _names(deltas: dict[int, list]) -> dict[tuple[type, int], str]:
    """(model, id) -> display name for every foreign key in the changes (one query per model)."""
    wanted: dict[type, set] = {}
    for changes in deltas.values():
        for change in changes:
            model = NAMED_KEYS.get(change.field)
            if model is not None:
                wanted.setdefault(model, set()).update(v for v in (change.old, change.new) if v is not None)
    names = {}
    for model, ids in wanted.items():
        for obj in model.objects.filter(pk__in=ids):
            names[(model, obj.pk)] = f"{obj.name} version {obj.version}" if model is Framework else str(obj)
    return names


def _entries(records: list, source: Source) -> list[AuditEntry]:
    deltas = _deltas(records, _previous_records(records, source.model))
    names = _names(deltas)
    entries = []
    for record in records:
        changes = [
            f"{change.field.replace('_', ' ')}: {_shown(change.old, change.field, names)} → "
            f"{_shown(change.new, change.field, names)}"
            for change in deltas.get(record.history_id, [])
        ]
        reason = record.history_change_reason or ""
        action = CHANGE_TYPES.get(record.history_type, record.history_type)
        if reason == SIGNED_IN and record.history_type == "~":
            action, reason = SIGNED_IN, ""
        entries.append(AuditEntry(
            when=record.history_date, what=source.what, subject=source.subject(record), action=action,
            changes=changes, reason=reason, by=str(record.history_user) if record.history_user_id else "the system",
        ))
    return entries


def user_trail(*, user: User) -> list[AuditEntry]:
    """Changes to the person and to their access to authorities, newest first."""
    people, access = SOURCES[0], SOURCES[1]
    entries = _entries(list(User.history.filter(id=user.pk).select_related("history_user")), people)
    records = AuthorityAccess.history.filter(user_id=user.pk).select_related("history_user", "authority", "user")
    entries += _entries(list(records), access)
    return sorted(entries, key=lambda e: e.when, reverse=True)


def authority_trail(*, authority: Authority) -> list[AuditEntry]:
    records = Authority.history.filter(id=authority.pk).select_related("history_user").order_by("-history_date")
    return _entries(list(records), SOURCES[2])


def _filtered(source: Source, filters: AuditFilters):
    records = source.model.history.select_related(*source.related)
    if filters.person:
        records = records.filter(
            Q(history_user__full_name__icontains=filters.person) | Q(history_user__email__icontains=filters.person)
        )
    if filters.subject:
        match = Q()
        for field in source.subject_fields:
            match |= Q(**{f"{field}__icontains": filters.subject})
        records = records.filter(match)
    if filters.since:
        records = records.filter(history_date__date__gte=filters.since)
    if filters.until:
        records = records.filter(history_date__date__lte=filters.until)
    return records.order_by("-history_date", "-history_id")


def recent_trail(*, limit: int = 100, filters: AuditFilters | None = None) -> list[AuditEntry]:
    """The newest ``limit`` changes matching ``filters`` across every audited kind of object
    (a few queries a kind, whatever ``limit`` is)."""
    filters = filters or AuditFilters()
    entries = []
    for source in SOURCES:
        if filters.what and filters.what != source.what:
            continue
        entries += _entries(list(_filtered(source, filters)[:limit]), source)
    return sorted(entries, key=lambda e: e.when, reverse=True)[:limit]
