"""What people tell us about the service. No account is linked: feedback is anonymous
unless the sender leaves an email address for a reply."""
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

COMMENTS_MAX_LENGTH = 2000
PAGE_MAX_LENGTH = 200


class Satisfaction(models.TextChoices):
    """The GOV.UK standard satisfaction scale."""

    VERY_SATISFIED = "very_satisfied", "Very satisfied"
    SATISFIED = "satisfied", "Satisfied"
    NEITHER = "neither", "Neither satisfied nor dissatisfied"
    DISSATISFIED = "dissatisfied", "Dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied", "Very dissatisfied"


class Feedback(models.Model):
    satisfaction = models.CharField(max_length=20, choices=Satisfaction.choices)
    comments = models.TextField(blank=True)
    # The same-site path the sender came from ("/dashboards/"), never a full address.
    page = models.CharField(max_length=PAGE_MAX_LENGTH, blank=True)
    reply_email = models.EmailField(blank=True)
    # A keyed hash of the sender's network address, for the rate limit only: the address
    # itself is never stored, and the hash cannot be turned back into it without SECRET_KEY.
    sender_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "feedback"
        indexes = [models.Index(fields=["sender_key", "created_at"], name="feedback_sender_recent")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(satisfaction__in=Satisfaction.values), name="feedback_satisfaction_valid"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("comments"), COMMENTS_MAX_LENGTH), name="feedback_comments_length"
            ),
            models.CheckConstraint(condition=models.Q(page="") | models.Q(page__startswith="/"), name="feedback_page_is_path"),
            models.CheckConstraint(condition=~models.Q(sender_key=""), name="feedback_sender_key_set"),
        ]

    def __str__(self) -> str:
        return f"{self.get_satisfaction_display()} on {self.created_at:%d %B %Y}"
