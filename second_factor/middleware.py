"""A person who must use a second factor reaches nothing but setting it up or entering a code.

Runs after django-otp's OTPMiddleware (which sets ``request.user.is_verified()``). Covers
every page, the exports and the Django admin; signing out and the health check stay open.
"""
from django.shortcuts import redirect
from django.urls import resolve
from django.urls.exceptions import Resolver404
from django.utils.http import urlencode
from django_otp import user_has_device

from .policy import second_factor_needed

OPEN_URL_NAMES = frozenset({
    "second-factor-verify", "second-factor-setup", "logout", "healthz",
})


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and second_factor_needed(request=request):
            try:
                name = resolve(request.path_info).url_name
            except Resolver404:
                name = None
            if name not in OPEN_URL_NAMES:
                target = "second-factor-verify" if user_has_device(user, confirmed=True) else "second-factor-setup"
                url = redirect(target).url
                if request.method in {"GET", "HEAD"}:
                    url += "?" + urlencode({"next": request.get_full_path()})
                return redirect(url)
        return self.get_response(request)
