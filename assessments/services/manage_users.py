"""Admins' changes to people: roles, access to authorities, deactivation, password resets.

Users are never deleted: a deactivated person keeps their history and everything they
did keeps its author. Each change saves through simple-history with a reason, so the
person's audit trail says who did what.
"""
from django.db import transaction

from assessments.models import (
    Authority,
    AuthorityAccess,
    AuthorityAccessLevel,
    CentralRole,
    User,
)
from outbox.password_reset import QueuedPasswordResetForm

from .errors import ActionRefused

PASSWORD_RESET_EMAILS = {
    "subject_template_name": "registration/password_reset_subject.txt",
    "email_template_name": "registration/password_reset_email.txt",
}


def _record(instance, *, by: User, reason: str) -> None:
    instance._history_user = by
    instance._change_reason = reason


def _not_yourself(user: User, by: User, action: str) -> None:
    if user.pk == by.pk:
        raise ActionRefused(f"You cannot {action} yourself. Ask another admin to do it.")


@transaction.atomic
def user_set_central_role(*, user: User, central_role: str, by: User) -> None:
    if central_role not in CentralRole.values:
        raise ActionRefused("Choose a role from the list.")
    if user.central_role == central_role:
        return
    _not_yourself(user, by, "change the role of")
    user.central_role = central_role
    _record(user, by=by, reason=f"Role changed to {CentralRole(central_role).label}")
    user.save(update_fields=["central_role"])


@transaction.atomic
def user_grant_access(*, user: User, authority: Authority, level: str, by: User) -> AuthorityAccess:
    """Give the user editor or viewer access to the authority (changing the level if they have one)."""
    if level not in AuthorityAccessLevel.values:
        raise ActionRefused("Choose editor or viewer access.")
    access = AuthorityAccess.objects.filter(user=user, authority=authority).first()
    if access is None:
        access = AuthorityAccess(user=user, authority=authority, level=level)
    elif access.level == level:
        return access
    access.level = level
    _record(access, by=by, reason=f"{AuthorityAccessLevel(level).label} access to {authority.short_name}")
    access.save()
    return access


@transaction.atomic
def user_remove_access(*, access: AuthorityAccess, by: User) -> None:
    _record(access, by=by, reason=f"Access to {access.authority.short_name} removed")
    access.delete()


@transaction.atomic
def user_set_active(*, user: User, active: bool, by: User) -> None:
    """Deactivate (they can no longer sign in) or reactivate a person."""
    if user.is_active == active:
        return
    _not_yourself(user, by, "deactivate" if not active else "reactivate")
    user.is_active = active
    _record(user, by=by, reason="Reactivated" if active else "Deactivated")
    user.save(update_fields=["is_active"])


def user_send_password_reset(*, user: User, domain: str, use_https: bool) -> None:
    """Email the person a link to choose a new password (Django's reset tokens)."""
    if not user.is_active or not user.has_usable_password():
        raise ActionRefused("Password resets can only be sent to active people who have set a password.")
    form = QueuedPasswordResetForm({"email": user.email})
    form.is_valid()
    form.save(domain_override=domain, use_https=use_https, **PASSWORD_RESET_EMAILS)
