"""Keeping a step's typed input when its POST arrives after the session ended, for its author only.

The step page carries ``owner_token``: the user, assessment and step it was drawn for,
signed by the server. A signed-out POST with a valid token is stored as
``KeptStepInput`` for that user (at most a day), and the step page offers it back to the
same user once they are signed in again. The token is all that ties the input to a
person, so a different person signing in on the same browser sees nothing.
"""
import re
from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.utils import timezone

from assessments.models import Assessment, KeptStepInput, Step, User

KEEP_FOR = timedelta(days=1)
TOKEN_FIELD = "kept_for"
_SALT = "assessments.step-input-owner"
# Only the step form's own fields are kept (never the CSRF token or anything else posted).
_FIELD = re.compile(r"^(as_of|action|c[0-9]+-[0-9]+-(level|justification|evidence|evidence-items|evidence-add|confirm))$")
_MAX_FIELDS = 400
_MAX_VALUE = 5000


def owner_token(*, user: User, assessment: Assessment, step: Step) -> str:
    return signing.dumps([user.pk, assessment.pk, step.pk], salt=_SALT, compress=True)


def _owner(token: str, *, assessment_pk: int, step: Step) -> int | None:
    """The user id the token was signed for, if it is genuine, recent and for this step."""
    try:
        user_pk, token_assessment, token_step = signing.loads(token, salt=_SALT, max_age=KEEP_FOR)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if token_assessment != assessment_pk or token_step != step.pk:
        return None
    return user_pk


@transaction.atomic
def step_input_keep(*, token: str, assessment_pk: int, step_number: int, data) -> KeptStepInput | None:
    """Store a signed-out POST for the person its page was drawn for; None when the token is not valid."""
    step = Step.objects.filter(
        number=step_number, framework__rounds__assessments__pk=assessment_pk
    ).first()
    if step is None:
        return None
    user_pk = _owner(token, assessment_pk=assessment_pk, step=step)
    if user_pk is None or not User.objects.filter(pk=user_pk, is_active=True).exists():
        return None
    kept = {
        # Ticked evidence items are a list; every other field one value.
        name: [v[:_MAX_VALUE] for v in data.getlist(name)[:_MAX_FIELDS]] if name.endswith("-evidence-items")
        else data.get(name, "")[:_MAX_VALUE]
        for name in list(data.keys())[:_MAX_FIELDS]
        if _FIELD.match(name)
    }
    now = timezone.now()
    KeptStepInput.objects.filter(expires_at__lte=now).delete()  # nothing outlives a day
    row, _ = KeptStepInput.objects.update_or_create(
        user_id=user_pk, assessment_id=assessment_pk, step=step,
        defaults={"data": kept, "kept_at": now, "expires_at": now + KEEP_FOR},
    )
    return row


def step_input_discard(*, user: User, assessment: Assessment, step: Step) -> int:
    """Forget the user's kept input for this step (after they saved it, or chose to discard it)."""
    deleted, _ = KeptStepInput.objects.filter(user=user, assessment=assessment, step=step).delete()
    return deleted
