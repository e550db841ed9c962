"""Publishing a round's approved results on the public page, and taking them down again."""
from django.db import transaction
from django.utils import timezone

from assessments.access.roles import ADMIN_ROLES, has_role
from assessments.models import AssessmentState, Round, User

from .errors import ActionRefused


def _require_admin(user: User) -> None:
    if not has_role(user=user, roles=ADMIN_ROLES):
        raise ActionRefused("Only admins can publish or unpublish a round's results.")


@transaction.atomic
def round_publish(*, round: Round, user: User) -> Round:  # noqa: A002 (the brief's name)
    """Publish the round's approved assessments. Only approved ones ever show on the public page."""
    _require_admin(user)
    round_ = Round.objects.select_for_update().get(pk=round.pk)
    if round_.published_at is not None:
        raise ActionRefused(f"The {round_.name} round's results are already published.")
    if not round_.assessments.filter(state=AssessmentState.APPROVED).exists():
        raise ActionRefused(
            f"The {round_.name} round has no approved assessments yet, so there is nothing to publish."
        )
    round_.published_at = timezone.now()
    round_.published_by = user
    round_.save(update_fields=["published_at", "published_by"])
    return round_


@transaction.atomic
def round_unpublish(*, round: Round, user: User) -> Round:  # noqa: A002
    _require_admin(user)
    round_ = Round.objects.select_for_update().get(pk=round.pk)
    if round_.published_at is None:
        raise ActionRefused(f"The {round_.name} round's results are not published.")
    round_.published_at = None
    round_.published_by = None
    round_.save(update_fields=["published_at", "published_by"])
    return round_
