"""Reading back what a signed-out step POST kept, for the person it was kept for only."""
from django.utils import timezone

from assessments.models import Assessment, KeptStepInput, Step, User


def kept_step_input(*, user: User, assessment: Assessment, step: Step) -> KeptStepInput | None:
    """The user's own kept input for this step, if younger than a day. Callers have checked access."""
    return KeptStepInput.objects.filter(
        user=user, assessment=assessment, step=step, expires_at__gt=timezone.now()
    ).first()
