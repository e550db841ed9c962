"""Publishing a round's approved results on the public page, and taking them down again.

Neither happens in one click: the admin sees a preview (what will be public, how many
assessments are approved and how many are not, a warning while the round is open) and
confirms it. The confirmation carries a fingerprint of that preview; if anything it
showed has changed by the time the service holds the round's lock (another approval,
another admin publishing), nothing happens. Both are recorded in the round's history.
"""
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from assessments.access.roles import ADMIN_ROLES, has_role
from assessments.models import Assessment, AssessmentState, Round, RoundState, User

from .confirmation import fingerprint, require_fingerprint
from .errors import ActionRefused
from .notifications import notify_published


@dataclass(frozen=True)
class PublishPreview:
    round: Round
    approved: int
    by_state: list[tuple[str, int]]  # (state label, how many) for the states that are not approved
    plan: str

    @property
    def not_approved(self) -> int:
        return sum(total for _, total in self.by_state)

    @property
    def round_still_open(self) -> bool:
        return self.round.state == RoundState.OPEN


def publish_preview(*, round_: Round) -> PublishPreview:
    """What publishing (or unpublishing) the round would do now, with its fingerprint (two queries)."""
    totals = dict(Assessment.objects.filter(round=round_).values_list("state").annotate(total=Count("pk")))
    approved_ids = sorted(
        Assessment.objects.filter(round=round_, state=AssessmentState.APPROVED).values_list("pk", flat=True)
    )
    by_state = [(state.label.lower(), totals.get(state.value, 0))
                for state in AssessmentState if state != AssessmentState.APPROVED and totals.get(state.value)]
    plan = fingerprint([round_.pk, round_.published_at, *approved_ids])
    return PublishPreview(round=round_, approved=len(approved_ids), by_state=by_state, plan=plan)


def _require_admin(user: User) -> None:
    if not has_role(user=user, roles=ADMIN_ROLES):
        raise ActionRefused("Only admins can publish or unpublish a round's results.")


@transaction.atomic
def round_publish(*, round: Round, user: User, confirmed_plan: str) -> Round:  # noqa: A002 (the brief's name)
    """Publish the round's approved assessments, exactly as previewed. Only approved ones ever
    show on the public page. The editors of the authorities concerned are emailed."""
    _require_admin(user)
    round_ = Round.objects.select_for_update().get(pk=round.pk)
    if round_.published_at is not None:
        raise ActionRefused(f"The {round_.name} round's results are already published.")
    preview = publish_preview(round_=round_)
    if preview.approved == 0:
        raise ActionRefused(
            f"The {round_.name} round has no approved assessments yet, so there is nothing to publish."
        )
    require_fingerprint(expected=confirmed_plan, actual=preview.plan)
    round_.published_at = timezone.now()
    round_.published_by = user
    round_._history_user = user
    round_._change_reason = f"Published: {preview.approved} approved assessments on the public page"
    round_.save(update_fields=["published_at", "published_by"])
    notify_published(round_=round_, by=user)
    return round_


@transaction.atomic
def round_unpublish(*, round: Round, user: User, confirmed_plan: str) -> Round:  # noqa: A002
    _require_admin(user)
    round_ = Round.objects.select_for_update().get(pk=round.pk)
    if round_.published_at is None:
        raise ActionRefused(f"The {round_.name} round's results are not published.")
    require_fingerprint(expected=confirmed_plan, actual=publish_preview(round_=round_).plan)
    round_.published_at = None
    round_.published_by = None
    round_._history_user = user
    round_._change_reason = "Unpublished: taken off the public page"
    round_.save(update_fields=["published_at", "published_by"])
    return round_
