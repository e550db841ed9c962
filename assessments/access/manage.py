"""Who may use the administration pages under /manage/: admins only.

Anonymous people are sent to sign in; every other role gets 403 with a reason. Objects
are fetched with ``get_object_or_404`` after the role check, so nothing about them leaks
to people who may not manage them.
"""
from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from .roles import ADMIN_ROLES, require_role


def admin_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sign-in, then the admin role, before the view runs (for every method)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        require_role(user=request.user, roles=ADMIN_ROLES, action="manage the service")
        return view(request, *args, **kwargs)

    return login_required(wrapped)
