"""Second-factor helpers for tests: authenticator codes, enrolment, and signed-in sessions that passed it.

``install_verified_force_login`` (called from tests/conftest.py) makes Django's
``Client.force_login`` give people who need a second factor a session that has passed
it, with an authenticator set up if they had none: every test that is not about the
second factor keeps signing in with one line. Tests about it use
``force_login_password_only`` (a session that has passed the password step only) or the
real pages, with ``totp_code`` to compute what the app would show.
"""
import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from second_factor.policy import second_factor_in_use
from second_factor.services import APP_DEVICE_NAME

_password_only_force_login = Client.force_login


def totp_code(device: TOTPDevice, *, at: float | None = None) -> str:
    """The code the authenticator app shows now, or the next one if the current one was already used.

    django-otp refuses a code from a time step at or before the last one accepted (so a
    code cannot be replayed); signing in twice within 30 seconds needs the next step's code,
    which it accepts within its tolerance of one step.
    """
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = at if at is not None else time.time()
    if totp.t() <= device.last_t:
        totp.time += device.step * (device.last_t + 1 - totp.t())
    return f"{totp.token():0{device.digits}d}"


def enrol(user, *, key: str | None = None) -> TOTPDevice:
    """The person's confirmed authenticator device, set up now if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        fields = {"key": key} if key else {}
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True, **fields)
    return device


def force_login_password_only(client: Client, user) -> None:
    """Signed in with the password but not yet the second factor."""
    _password_only_force_login(client, user)


def _force_login_with_second_factor(self: Client, user, backend=None) -> None:
    _password_only_force_login(self, user, backend)
    if second_factor_in_use(user=user):
        device = enrol(user)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def install_verified_force_login() -> None:
    Client.force_login = _force_login_with_second_factor
