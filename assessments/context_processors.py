from django.conf import settings


def service(request) -> dict:
    return {
        "service_name": settings.SERVICE_NAME,
        "govuk_use_transport_font": settings.GOVUK_USE_TRANSPORT_FONT,
    }
