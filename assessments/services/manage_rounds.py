"""Rounds: create, open (one assessment per active authority of the kinds covered), close,
and per-authority deadlines (an extension, or reopening a late draft after closing).

Deadline changes are saved through simple-history with the admin and the reason, so the
assessment's history says who gave whom more time and why.
"""
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from assessments.models import (
    Assessment,
    Authority,
    AuthorityKind,
    Framework,
    FrameworkStatus,
    Round,
    RoundState,
    User,
)
from assessments.models.rounds import EDITABLE_STATES

from .errors import ActionRefused


@dataclass(frozen=True)
class RoundDetails:
    name: str
    framework: Framework
    landscape: str
    opens_on: date
    closes_on: date
    covers_kinds: list[str]


@transaction.atomic
def round_create(*, details: RoundDetails, user: User) -> Round:
    problems = []
    if details.framework.status != FrameworkStatus.PUBLISHED:
        problems.append("Choose a published framework version; publish a draft version first")
    if details.closes_on < details.opens_on:
        problems.append("The closing date must be the same as or after the opening date")
    if not details.covers_kinds or any(kind not in AuthorityKind.values for kind in details.covers_kinds):
        problems.append("Select the kinds of authority the round covers")
    if Round.objects.filter(name__iexact=details.name.strip()).exists():
        problems.append(f"There is already a round called {details.name.strip()}")
    if problems:
        raise ActionRefused("The round was not created.", details=problems)
    round_ = Round(
        name=details.name.strip(), framework=details.framework, landscape=details.landscape,
        opens_on=details.opens_on, closes_on=details.closes_on, covers_kinds=sorted(details.covers_kinds),
    )
    round_._history_user = user
    round_.save()
    return round_


@transaction.atomic
def round_open(*, round_: Round, user: User) -> int:
    """Open the round and create the missing assessments; returns how many were created.

    Opening again (or after new authorities were added) only creates what is missing:
    the row lock and the one-per-authority constraint mean never a duplicate.
    """
    locked = Round.objects.select_for_update().select_related("framework").get(pk=round_.pk)
    if locked.state == RoundState.CLOSED:
        raise ActionRefused(f"{locked.name} is closed, so it cannot be opened again.")
    if locked.framework.status != FrameworkStatus.PUBLISHED:
        raise ActionRefused(f"{locked.framework} is a draft. Publish it before opening the round.")
    authorities = Authority.objects.filter(kind__in=locked.covers_kinds, abolished__isnull=True)
    missing = authorities.exclude(assessments__round=locked).values_list("pk", flat=True)
    created = Assessment.objects.bulk_create(
        [Assessment(round=locked, authority_id=pk) for pk in missing], ignore_conflicts=True
    )
    if locked.state != RoundState.OPEN:
        locked.state = RoundState.OPEN
        locked._history_user = user
        locked._change_reason = f"Opened: {len(created)} assessments created"
        locked.save(update_fields=["state"])
    round_.state = locked.state
    return len(created)


@transaction.atomic
def round_close(*, round_: Round, user: User) -> None:
    """Close the round: drafts not submitted become late and read-only unless an admin reopens one."""
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.state != RoundState.OPEN:
        raise ActionRefused(f"{locked.name} is not open, so it cannot be closed.")
    locked.state = RoundState.CLOSED
    locked._history_user = user
    locked._change_reason = "Closed"
    locked.save(update_fields=["state"])
    round_.state = locked.state


@transaction.atomic
def assessment_set_deadline(*, assessment: Assessment, deadline: date, reason: str, user: User) -> None:
    """Extend one authority's deadline or, after the round has closed, reopen its assessment.

    Reopening needs a reason, kept in the assessment's history.
    """
    locked = Assessment.objects.select_for_update().select_related("round", "authority").get(pk=assessment.pk)
    round_ = locked.round
    if round_.state == RoundState.DRAFT:
        raise ActionRefused(f"{round_.name} has not opened yet. Change the round's closing date instead.")
    if deadline < timezone.localdate():
        raise ActionRefused("The new deadline must be today or later.")
    if locked.state not in EDITABLE_STATES:
        raise ActionRefused(
            f"{locked.authority.short_name}'s assessment is {locked.get_state_display().lower()}, so it has nothing to reopen."
        )
    reopening = round_.state == RoundState.CLOSED
    if reopening and not reason.strip():
        raise ActionRefused("Enter the reason for reopening the assessment.")
    verb = "Reopened after the round closed" if reopening else "Deadline extended"
    locked.deadline_override = deadline
    locked._history_user = user
    locked._change_reason = f"{verb} to {deadline.isoformat()}" + (f": {reason.strip()}" if reason.strip() else "")
    locked.save(update_fields=["deadline_override", "updated_at"])
    assessment.deadline_override = deadline


def is_late(assessment: Assessment) -> bool:
    """A draft (or returned) assessment whose deadline has passed or whose round closed without reopening."""
    if assessment.state not in EDITABLE_STATES:
        return False
    closed = assessment.round.state == RoundState.CLOSED and assessment.deadline_override is None
    return closed or assessment.deadline < timezone.localdate()

