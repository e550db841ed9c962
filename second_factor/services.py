"""Writes for the second factor: set up an authenticator app, recovery codes, verify, reset.

Devices are django-otp's: one TOTP device (the authenticator app) and one static device
whose tokens are the single-use recovery codes. Setting up, replacing codes, turning off
and an admin's reset are recorded in the person's audit trail (simple-history on User,
with a reason), as the other changes to people are.
"""
import secrets

from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from assessments.models import User
from assessments.services.errors import ActionRefused

from .policy import second_factor_required

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10
# Lower-case letters and digits without look-alikes (0/o, 1/l/i); 10 characters ~ 50 bits.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_CODE_LENGTH = 10


def _audit(user: User, *, by: User, reason: str) -> None:
    """A history record of the person with the reason (their audit trail)."""
    user._history_user = by
    user._change_reason = reason
    user.save()


def _new_recovery_code() -> str:
    return "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))


def new_authenticator_key() -> str:
    """A fresh secret (hex, as django-otp stores it) for an app being set up; kept in the session until confirmed."""
    return default_key()


def authenticator_for_key(*, user: User, key: str) -> TOTPDevice:
    """An unsaved device with the key, for showing its QR code and secret."""
    return TOTPDevice(user=user, key=key, name=APP_DEVICE_NAME, confirmed=False)


@transaction.atomic
def authenticator_confirm(*, user: User, key: str, token: str) -> list[str] | None:
    """Confirm the app set up with ``key`` by a code from it; returns the new recovery codes, or None if the code is wrong.

    Any earlier authenticator and recovery codes are replaced.
    """
    device = authenticator_for_key(user=user, key=key)
    device.save()
    if not device.verify_token(token):
        device.delete()
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _replace_recovery_codes(user)
    _audit(user, by=user, reason="Second factor set up (authenticator app)")
    return codes


def authenticator_enrol(*, user: User) -> TOTPDevice:
    """The person's confirmed authenticator, made now with a random key if they have none.

    For set-up scripts (the load test) that compute codes themselves; people use the pages.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True)


def _replace_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def recovery_codes_replace(*, user: User) -> list[str]:
    """A new set of recovery codes; the old ones stop working."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ActionRefused("Set up an authenticator app first.")
    codes = _replace_recovery_codes(user)
    _audit(user, by=user, reason="Recovery codes replaced")
    return codes


def second_factor_verify(*, user: User, token: str):
    """The device that accepts ``token`` (the app's code, or an unused recovery code, used up), or None.

    Devices are locked while checking, so one code cannot be used twice at once; django-otp
    also slows down repeated failures on each device.
    """
    token = "".join(token.split()).lower()
    if not token or len(token) > 32:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_is_allowed()[0] and device.verify_token(token):
                return device
    return None


@transaction.atomic
def second_factor_turn_off(*, user: User) -> None:
    """An official who opted in may turn it off; central staff may not."""
    if second_factor_required(user=user):
        raise ActionRefused("Your role needs a second factor, so it cannot be turned off.")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    _audit(user, by=user, reason="Second factor turned off")


@transaction.atomic
def second_factor_reset(*, user: User, by: User) -> None:
    """An admin removes a person's authenticator and recovery codes (a lost phone); they set up again at next sign-in."""
    if user.pk == by.pk:
        raise ActionRefused("You cannot reset your own second factor. Ask another admin to do it.")
    if not TOTPDevice.objects.filter(user=user).exists() and not StaticDevice.objects.filter(user=user).exists():
        raise ActionRefused(f"{user} has no second factor to reset.")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    _audit(user, by=by, reason="Second factor reset by an admin")
