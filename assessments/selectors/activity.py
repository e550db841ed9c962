"""One assessment's activity trail: answers, moderations, comments, assignments and decisions.

Merged from django-simple-history's records of Answer, Moderation and Assessment (for
changes of assigned reviewer) with ReviewComment and AssessmentEvent rows, newest first.
Seven queries at most, however long the trail: one per source, one for the people
named, one for their access to the authority.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.text import Truncator

from assessments.levels import NOT_ANSWERED_LABEL, level_label
from assessments.models import (
    Answer,
    Assessment,
    AssessmentEvent,
    AssessmentState,
    AuthorityAccess,
    Moderation,
    ReviewComment,
    User,
)
from assessments.models.users import AuthorityAccessLevel, CentralRole

from .history import with_previous

ACTIVITY_KINDS = {
    "answer": "Answers",
    "moderation": "Moderated scores",
    "comment": "Comments",
    "assignment": "Assignments",
    "transition": "Status changes",
}
NOBODY = "Unassigned"


@dataclass
class ActivityEntry:
    when: datetime
    kind: str
    who_id: int | None
    what: str
    before: str = ""
    after: str = ""
    note: str = ""
    who: User | None = None
    role: str = ""

    @property
    def kind_label(self) -> str:
        return ACTIVITY_KINDS[self.kind]


def _value(score, not_applicable) -> str:
    return level_label(score, not_applicable)


def _short(text: str) -> str:
    return Truncator(text or "").chars(120)


def _answer_entries(assessment: Assessment) -> list[ActivityEntry]:
    records = (
        Answer.history.filter(assessment_id=assessment.pk)
        .select_related("criterion")
        .order_by("id", "history_date", "history_id")
    )
    entries = []
    for before, record in with_previous(records):
        code = record.criterion.code
        after_value = _value(record.score, record.not_applicable)
        before_value = _value(before.score, before.not_applicable) if before else NOT_ANSWERED_LABEL
        entry = ActivityEntry(
            when=record.history_date,
            kind="answer",
            who_id=record.history_user_id or record.answered_by_id,
            what=f"Answer to {code}",
            before=before_value,
            after=after_value,
        )
        if record.history_type == "-":
            entry.what, entry.after = f"Answer to {code} removed", NOT_ANSWERED_LABEL
        elif before and before_value == after_value:
            changed = [
                label
                for label, name in (("justification", "justification"), ("evidence", "evidence_count"))
                if getattr(before, name) != getattr(record, name)
            ]
            if not changed:
                continue  # a save that changed nothing shown here
            entry.what = f"Answer to {code}: {' and '.join(changed)} changed"
            if "justification" in changed:
                entry.before, entry.after = _short(before.justification), _short(record.justification)
            else:
                entry.before, entry.after = _items(before.evidence_count), _items(record.evidence_count)
        else:
            entry.note = _short(record.justification)
        entries.append(entry)
    return entries


def _items(count: int) -> str:
    return "No evidence" if not count else f"{count} evidence item{'s' if count != 1 else ''}"


def _moderation_entries(assessment: Assessment) -> list[ActivityEntry]:
    records = (
        Moderation.history.filter(assessment_id=assessment.pk)
        .select_related("criterion")
        .order_by("id", "history_date", "history_id")
    )
    entries = []
    for before, record in with_previous(records):
        code = record.criterion.code
        value = _value(record.score, record.not_applicable)
        if record.history_type == "-":
            entries.append(ActivityEntry(
                record.history_date, "moderation", record.history_user_id, f"Moderated score for {code} removed",
                before=value, after="Self-assessed score", note=record.history_change_reason or "",
            ))
            continue
        entries.append(ActivityEntry(
            record.history_date, "moderation", record.history_user_id or record.moderated_by_id,
            f"Moderated score for {code}" + (" changed" if before else " set"),
            before=_value(before.score, before.not_applicable) if before else "Not moderated",
            after=value, note=record.reason,
        ))
    return entries


def _comment_entries(assessment: Assessment) -> list[ActivityEntry]:
    comments = ReviewComment.objects.filter(assessment=assessment).select_related("criterion")
    return [
        ActivityEntry(
            c.created_at, "comment", c.author_id,
            f"Comment on {c.criterion.code}" if c.criterion_id else "Comment on the whole assessment", note=c.body,
        )
        for c in comments
    ]


def _assignment_entries(assessment: Assessment) -> list[tuple[ActivityEntry, int | None, int | None]]:
    records = Assessment.history.filter(id=assessment.pk).order_by("history_date", "history_id")
    entries, previous = [], None
    for record in records.only("history_date", "history_user_id", "assigned_reviewer_id"):
        if record.assigned_reviewer_id != previous:
            if previous is not None or record.assigned_reviewer_id is not None:
                entry = ActivityEntry(record.history_date, "assignment", record.history_user_id, "Assigned reviewer")
                entries.append((entry, previous, record.assigned_reviewer_id))
            previous = record.assigned_reviewer_id
    return entries


def _transition_entries(assessment: Assessment) -> list[ActivityEntry]:
    return [
        ActivityEntry(
            e.created_at, "transition", e.actor_id, "Status changed",
            before=AssessmentState(e.from_state).label, after=AssessmentState(e.to_state).label, note=e.message,
        )
        for e in AssessmentEvent.objects.filter(assessment=assessment)
    ]


def assessment_activity(*, assessment: Assessment, kind: str = "") -> list[ActivityEntry]:
    """The trail, newest first, optionally of one kind (a key of ACTIVITY_KINDS)."""
    wanted = {kind} if kind in ACTIVITY_KINDS else set(ACTIVITY_KINDS)
    entries: list[ActivityEntry] = []
    if "answer" in wanted:
        entries += _answer_entries(assessment)
    if "moderation" in wanted:
        entries += _moderation_entries(assessment)
    if "comment" in wanted:
        entries += _comment_entries(assessment)
    assignments = _assignment_entries(assessment) if "assignment" in wanted else []
    if "transition" in wanted:
        entries += _transition_entries(assessment)

    user_ids = {e.who_id for e in entries} | {e.who_id for e, _, _ in assignments}
    user_ids |= {pk for _, before, after in assignments for pk in (before, after)}
    user_ids.discard(None)
    users = {u.pk: u for u in User.objects.filter(pk__in=user_ids)} if user_ids else {}
    levels = dict(
        AuthorityAccess.objects.filter(authority_id=assessment.authority_id, user_id__in=user_ids).values_list(
            "user_id", "level"
        )
    ) if user_ids else {}
    for entry, before, after in assignments:
        entry.before = str(users[before]) if before in users else NOBODY
        entry.after = str(users[after]) if after in users else NOBODY
        entries.append(entry)
    for entry in entries:
        entry.who = users.get(entry.who_id)
        entry.role = _role(entry.who, levels)
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries


def _role(user: User | None, levels: dict[int, str]) -> str:
    if user is None:
        return ""
    if user.central_role:
        return CentralRole(user.central_role).label
    level = levels.get(user.pk)
    return AuthorityAccessLevel(level).label if level else "Former official"
