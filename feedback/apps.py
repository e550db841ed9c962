from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Feedback on the service from anyone, signed in or not (the phase banner's link)."""

    name = "feedback"
    default_auto_field = "django.db.models.BigAutoField"
