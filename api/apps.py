from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Read-only API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the token authentication's OpenAPI security scheme with drf-spectacular.
        # Revokes a person's tokens when they are deactivated.
        from . import (
            schema,  # noqa: F401
            signals,  # noqa: F401
        )
