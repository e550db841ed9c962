"""Reads of a person's second factor (django-otp devices): what the account page and sign-in say."""
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from assessments.models import User


def recovery_codes_left(*, user: User) -> int:
    """Unused recovery codes of the person's confirmed set (0 without one)."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def confirmed_authenticator(*, user: User) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=True)


def is_recovery_code_device(device) -> bool:
    return isinstance(device, StaticDevice)
