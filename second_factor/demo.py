"""Demo data only: the privileged demo accounts share one published authenticator secret.

Only ``seed_demo`` (which refuses to run without DEBUG) calls this, so no real service
ever has an account with this secret.
"""
from base64 import b32decode

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from assessments.models import User

from .policy import second_factor_required
from .services import APP_DEVICE_NAME

# Base32, as authenticator apps take it (20 bytes).
DEMO_TOTP_SECRET = "LEVELUPDEMOTOTPSECRETFORTHEDEMOS"


def _demo_key() -> str:
    return b32decode(DEMO_TOTP_SECRET).hex()


def demo_second_factor_seed(*, emails: list[str]) -> int:
    """Gives the demo accounts that need a second factor an authenticator with the demo secret; returns how many."""
    created = 0
    for user in User.objects.filter(email__in=emails):
        if second_factor_required(user=user) and not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, key=_demo_key(), confirmed=True)
            created += 1
    return created


def demo_code() -> str:
    """The code an authenticator app with the demo secret shows now."""
    return f"{TOTP(b32decode(DEMO_TOTP_SECRET)).token():06d}"
