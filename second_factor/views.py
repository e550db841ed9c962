"""Second-factor pages: enter a code at sign-in, set up an authenticator app, recovery codes,
your own settings, and an admin's reset of someone else's."""
import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, user_login_failed
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe
from django_otp import login as otp_login
from django_otp import user_has_device

from assessments.access.manage import access_person_to_manage, admin_required
from assessments.models import User
from assessments.views.refusals import run_service

from .forms import CodeForm
from .policy import remember_opted_in, second_factor_in_use, second_factor_required
from .selectors import confirmed_authenticator, is_recovery_code_device, recovery_codes_left
from .services import (
    authenticator_confirm,
    authenticator_for_key,
    new_authenticator_key,
    recovery_codes_replace,
    second_factor_reset,
    second_factor_turn_off,
    second_factor_verify,
)

NEW_CODES_SESSION_KEY = "second_factor_new_codes"
PENDING_KEY_SESSION_KEY = "second_factor_pending_key"
WRONG_CODE = "The code is not right. Enter the latest code from your authenticator app, or one of your recovery codes"


def _next_url(request: HttpRequest) -> str:
    """Where to go after the code: a path on this site only (anything else would be taken as a view name)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    if safe and target.startswith("/"):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _credentials(user: User) -> dict:
    # The same key django-axes counts failed sign-ins under (the posted email address).
    return {settings.AXES_USERNAME_FORM_FIELD: user.email}


def _locked_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return render(request, "registration/locked_out.html", status=429)


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """Signing in, second step: a code from the app or a recovery code. Failures count as failed sign-ins."""
    user = request.user
    if user.is_verified() or not second_factor_in_use(user=user):
        return redirect(_next_url(request))
    if not user_has_device(user, confirmed=True):
        return redirect("second-factor-setup")
    if not AxesProxyHandler.is_allowed(request, _credentials(user)):
        return _locked_out(request)
    form = CodeForm(
        request.POST if request.method == "POST" else None,
        label="Enter the code from your authenticator app",
        hint="The 6-digit code it shows for this service. If you do not have your phone, enter one of your recovery codes.",
    )
    if request.method == "POST" and form.is_valid():
        device = second_factor_verify(user=user, token=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            request.session.cycle_key()
            if is_recovery_code_device(device):
                left = recovery_codes_left(user=user)
                messages.warning(
                    request, f"You used a recovery code. You have {left} left: get new ones from Sign-in security."
                )
            return redirect(_next_url(request))
        user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
        if not AxesProxyHandler.is_allowed(request, _credentials(user)):
            return _locked_out(request)
        form.add_error("code", WRONG_CODE)
    status = 400 if form.errors else 200
    return render(request, "second_factor/verify.html", {"form": form, "next": _next_url(request)}, status=status)


def _qr_data_uri(device) -> str:
    # Rendered here as an SVG data URI (CSP allows data: images): no external service sees the secret.
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=4)


def _secret_text(device) -> str:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Set up (or replace) the authenticator app: scan the QR code or type the secret, then enter a code."""
    user = request.user
    if user_has_device(user, confirmed=True) and not user.is_verified():
        return redirect("second-factor-verify")  # replacing it needs the current one first
    key = request.session.get(PENDING_KEY_SESSION_KEY)
    if not key or (request.method == "GET" and request.GET.get("new")):
        key = request.session[PENDING_KEY_SESSION_KEY] = new_authenticator_key()
    device = authenticator_for_key(user=user, key=key)
    form = CodeForm(
        request.POST if request.method == "POST" else None,
        label="Enter the 6-digit code the app shows",
        hint="This checks the app is set up. Codes change every 30 seconds.",
    )
    if request.method == "POST" and form.is_valid():
        codes = authenticator_confirm(user=user, key=key, token=form.cleaned_data["code"])
        if codes is not None:
            del request.session[PENDING_KEY_SESSION_KEY]
            remember_opted_in(request=request, opted_in=True)
            otp_login(request, confirmed_authenticator(user=user))
            request.session.cycle_key()
            request.session[NEW_CODES_SESSION_KEY] = codes
            return redirect("second-factor-recovery-codes")
        user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
        if not AxesProxyHandler.is_allowed(request, _credentials(user)):
            return _locked_out(request)
        form.add_error("code", "The code is not right. Check the app was set up with the key below, then enter its latest code")
    context = {
        "form": form, "qr": _qr_data_uri(device), "secret": _secret_text(device),
        "required": second_factor_required(user=user), "issuer": settings.OTP_TOTP_ISSUER,
        "replacing": user_has_device(user, confirmed=True),
    }
    return render(request, "second_factor/setup.html", context, status=400 if form.errors else 200)


@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Shows newly made recovery codes once (GET), or makes a new set (POST)."""
    if request.method == "POST":
        outcome = run_service(request, recovery_codes_replace, user=request.user)
        if not outcome.ok:
            return redirect("second-factor-account")
        request.session[NEW_CODES_SESSION_KEY] = outcome.result
        return redirect("second-factor-recovery-codes")
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("second-factor-account")
    return render(request, "second_factor/recovery_codes.html", {"codes": codes})


@login_required
@require_safe
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "in_use": user_has_device(user, confirmed=True),
        "required": second_factor_required(user=user),
        "codes_left": recovery_codes_left(user=user),
    }
    return render(request, "second_factor/account.html", context)


@login_required
@require_POST
def turn_off(request: HttpRequest) -> HttpResponse:
    if run_service(request, second_factor_turn_off, user=request.user).ok:
        remember_opted_in(request=request, opted_in=False)
        messages.success(request, "Your second factor is turned off. Signing in now needs only your password.")
    return redirect("second-factor-account")


@admin_required
@require_POST
def reset(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person_to_manage(user=request.user, pk=pk)
    if run_service(request, second_factor_reset, user=person, by=request.user).ok:
        messages.success(request, f"Second factor reset. {person} sets up an authenticator app again when they next sign in.")
    return redirect("manage-person", pk=pk)

