from django.conf import settings
from django.urls import NoReverseMatch, reverse

from assessments.access.roles import ADMIN_ROLES, REVIEW_ROLES, has_role

# (label, URL name, roles that see it; None = every signed-in user). Entries whose URL
# does not exist yet are skipped, so features can land one at a time.
NAVIGATION = [
    ("Your assessments", "start", None),
    ("Review", "review-queue", REVIEW_ROLES),
    ("Dashboards", "dashboard-overview", None),
    ("Manage", "manage-home", ADMIN_ROLES),
    ("API tokens", "account-api-tokens", None),
]


def service(request) -> dict:
    return {
        "service_name": settings.SERVICE_NAME,
        "govuk_use_transport_font": settings.GOVUK_USE_TRANSPORT_FONT,
        "navigation": _navigation(request),
        "session_minutes": settings.SESSION_COOKIE_AGE // 60,
    }


def _navigation(request) -> list[dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = []
    for label, name, roles in NAVIGATION:
        if roles is not None and not has_role(user=user, roles=roles):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"label": label, "url": url, "active": request.path == url or (url != "/" and request.path.startswith(url))})
    return items
