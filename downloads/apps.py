from django.apps import AppConfig


class DownloadsConfig(AppConfig):
    name = "downloads"
    verbose_name = "Prepared downloads"
    default_auto_field = "django.db.models.BigAutoField"
