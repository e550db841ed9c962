"""Rounds: create, open (one assessment per authority of the kinds covered that existed on
the round's landscape), widen an open round's coverage or add one authority to it, close,
and per-authority deadlines (an extension, or reopening a late draft after closing).

Deadline changes are saved through simple-history with the admin and the reason, so the
assessment's history says who gave whom more time and why.
"""
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

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
from assessments.selectors.landscapes import authorities_on, landscape_date, missing_assessments

from .confirmation import fingerprint, require_fingerprint
from .errors import ActionRefused
from .scores import assessment_scores_create


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


def _create_assessments(round_: Round, authority_ids: list[int]) -> int:
    created = Assessment.objects.bulk_create(
        [Assessment(round=round_, authority_id=pk) for pk in authority_ids], ignore_conflicts=True
    )
    # With their stored results, so no reader has to write them. (Ids read back: with
    # ignore_conflicts, bulk_create does not set primary keys on every backend.)
    new = Assessment.objects.filter(round=round_, authority_id__in=authority_ids, summary__isnull=True)
    assessment_scores_create(round_=round_, ids=list(new.values_list("pk", flat=True)))
    return len(created)


def _record(round_: Round, *, user: User, reason: str) -> None:
    """A row in the round's history (the audit trail) saying who did what, even if no field changed."""
    round_._history_user = user
    round_._change_reason = reason
    round_.save()


@transaction.atomic
def round_open(*, round_: Round, user: User) -> int:
    """Open the round and create the missing assessments; returns how many were created.

    Only authorities that existed on the round's landscape are covered (see
    ``selectors.landscapes``). Opening again (or after new authorities were added) only
    creates what is missing: the row lock and the one-per-authority constraint mean never
    a duplicate.
    """
    locked = Round.objects.select_for_update().select_related("framework").get(pk=round_.pk)
    if locked.state == RoundState.CLOSED:
        raise ActionRefused(f"{locked.name} is closed, so it cannot be opened again.")
    if locked.framework.status != FrameworkStatus.PUBLISHED:
        raise ActionRefused(f"{locked.framework} is a draft. Publish it before opening the round.")
    missing = missing_assessments(round_=locked, kinds=locked.covers_kinds, today=timezone.localdate())
    created = _create_assessments(locked, list(missing.values_list("pk", flat=True)))
    if locked.state != RoundState.OPEN:
        locked.state = RoundState.OPEN
        _record(locked, user=user, reason=f"Opened: {created} assessments created")
    elif created:
        _record(locked, user=user, reason=f"{created} assessments created for new authorities")
    round_.state = locked.state
    return created


def coverage_plan(*, round_: Round, kinds: list[str]) -> tuple[list[Authority], str]:
    """The authorities that would get a new assessment if the round covered ``kinds``, and
    the fingerprint of that list for the confirmation form."""
    authorities = list(missing_assessments(round_=round_, kinds=kinds, today=timezone.localdate()))
    return authorities, fingerprint([round_.pk, sorted(kinds), *(a.pk for a in authorities)])


@transaction.atomic
def round_extend_coverage(*, round_: Round, kinds: list[str], confirmed_plan: str, user: User) -> int:
    """Add kinds of authority to an open round and create their assessments, exactly as previewed.

    Kinds can only be added: an assessment already created is never taken away.
    """
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.state != RoundState.OPEN:
        raise ActionRefused(f"{locked.name} is not open. Change what a round covers before opening it, or open it first.")
    if not kinds or any(kind not in AuthorityKind.values for kind in kinds):
        raise ActionRefused("Select the kinds of authority the round covers")
    dropped = set(locked.covers_kinds) - set(kinds)
    if dropped:
        labels = ", ".join(sorted(AuthorityKind(kind).label.lower() for kind in dropped))
        raise ActionRefused(f"An open round's coverage can only grow: it still covers {labels}.")
    authorities, plan = coverage_plan(round_=locked, kinds=kinds)
    require_fingerprint(expected=confirmed_plan, actual=plan)
    created = _create_assessments(locked, [a.pk for a in authorities])
    added = sorted(set(kinds) - set(locked.covers_kinds))
    locked.covers_kinds = sorted(kinds)
    labels = ", ".join(AuthorityKind(kind).label.lower() for kind in added) or "no new kinds"
    _record(locked, user=user, reason=f"Coverage extended ({labels}): {created} assessments created")
    round_.covers_kinds = locked.covers_kinds
    return created


def addable_authorities(*, round_: Round):
    """Authorities that exist on the round's landscape (for the current one: today, so a
    body set up mid-round) with no assessment in the round, whatever their kind."""
    day = landscape_date(landscape=round_.landscape, opens_on=round_.opens_on, today=timezone.localdate())
    return authorities_on(day=day).exclude(assessments__round=round_).order_by("name")


def add_authority_plan(*, round_: Round, authority: Authority) -> str:
    return fingerprint([round_.pk, authority.pk, authority.name, authority.abolished])


@transaction.atomic
def round_add_authority(*, round_: Round, authority: Authority, confirmed_plan: str, user: User) -> Assessment:
    """Create one draft assessment in an open round, for a body set up after the round opened."""
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.state != RoundState.OPEN:
        raise ActionRefused(f"{locked.name} is not open, so no authority can be added to it.")
    current = Authority.objects.select_for_update().get(pk=authority.pk)
    require_fingerprint(expected=confirmed_plan, actual=add_authority_plan(round_=locked, authority=current))
    if not addable_authorities(round_=locked).filter(pk=current.pk).exists():
        if Assessment.objects.filter(round=locked, authority=current).exists():
            raise ActionRefused(f"{current.name} already has an assessment in {locked.name}.")
        raise ActionRefused(f"{current.name} did not exist on the round's landscape (abolished or not yet established).")
    assessment = Assessment.objects.create(round=locked, authority=current)
    assessment_scores_create(round_=locked, ids=[assessment.pk])
    _record(locked, user=user, reason=f"Added {current.name}: 1 assessment created")
    return assessment


def close_plan(*, round_: Round) -> tuple[int, str]:
    """How many assessments closing would make late (drafts and returned ones not
    resubmitted), and the fingerprint of that for the confirmation form."""
    late = Assessment.objects.filter(round_id=round_.pk, state__in=list(EDITABLE_STATES)).count()
    return late, fingerprint([round_.pk, round_.state, late])


@transaction.atomic
def round_close(*, round_: Round, user: User, confirmed_plan: str) -> None:
    """Close the round: drafts not submitted become late and read-only unless an admin reopens one."""
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.state != RoundState.OPEN:
        raise ActionRefused(f"{locked.name} is not open, so it cannot be closed.")
    late, plan = close_plan(round_=locked)
    require_fingerprint(expected=confirmed_plan, actual=plan)
    locked.state = RoundState.CLOSED
    _record(locked, user=user, reason=f"Closed: {late} assessments not submitted became late")
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
    locked._change_reason = f"{verb} to {date_format(deadline)}" + (f": {reason.strip()}" if reason.strip() else "")
    locked.save(update_fields=["deadline_override", "updated_at"])
    assessment.deadline_override = deadline
