"""What an official typed on a step page when their session had already ended.

The POST arrives signed out, so it is bound to the person the page was drawn for (a
server-signed field in the form), kept for at most a day, and offered back only to that
same person, on that step, after they sign in again. It is never an answer: nothing
reads it but the step page, and saving the step is still the only way to change answers.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q

from .framework import Step
from .rounds import Assessment


class KeptStepInput(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="+")
    # The posted form fields (names -> values), exactly as typed.
    data = models.JSONField()
    kept_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "assessment", "step"], name="kept_input_one_per_user_step"),
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("kept_at")), name="kept_input_expires_after_kept"),
        ]
        indexes = [models.Index(fields=["expires_at"], name="kept_input_expiry")]

    def __str__(self) -> str:
        return f"Unsaved step {self.step_id} input of user {self.user_id}"
