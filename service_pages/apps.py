from django.apps import AppConfig


class ServicePagesConfig(AppConfig):
    """The pages every GOV.UK service has: start page, help, accessibility, privacy, cookies, contact."""

    name = "service_pages"
