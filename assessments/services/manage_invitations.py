"""Invitations: an admin invites someone by email; the link lets them set a password once.

The emailed token is random and only its SHA-256 hash is stored, so a database leak
gives no usable links. An invitation is single-use, expires after a week, and is revoked
when it is resent (the new email carries a new token).
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from assessments.models import (
    Authority,
    AuthorityAccess,
    AuthorityAccessLevel,
    Invitation,
    User,
)
from assessments.roles import CENTRAL_ROLES
from outbox.services import email_queue

from .errors import ActionRefused

INVITATION_LIFETIME = timedelta(days=7)


@dataclass(frozen=True)
class InvitationRole:
    """A central role, or an access level at one authority (never both)."""

    central_role: str = ""
    authority: Authority | None = None
    access_level: str = ""

    def problem(self) -> str | None:
        central = self.central_role in CENTRAL_ROLES
        local = self.authority is not None and self.access_level in AuthorityAccessLevel.values
        if central == local or (central and (self.authority or self.access_level)):
            return "Choose a central role, or an authority with editor or viewer access"
        return None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _send(*, invitation: Invitation, token: str, base_url: str) -> None:
    link = base_url.rstrip("/") + reverse("accept-invitation", args=[token])
    context = {"invitation": invitation, "link": link, "service_name": settings.SERVICE_NAME}
    email_queue(
        kind="invitation", to_address=invitation.email, subject=f"You have been invited to {settings.SERVICE_NAME}",
        body=render_to_string("email/invitation.txt", context), contains_link=True,
    )


@transaction.atomic
def invitation_create(
    *, email: str, full_name: str, role: InvitationRole, invited_by: User, base_url: str
) -> Invitation:
    """Create the invitation and email its link. ``base_url`` is the site's scheme and host."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ActionRefused(f"{email} already has an account. Change their role on their page instead.")
    if problem := role.problem():
        raise ActionRefused(problem)
    now = timezone.now()
    # Any earlier invitation still waiting would be a second valid link: revoke it.
    for earlier in Invitation.objects.filter(email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True):
        earlier.revoked_at = now
        earlier._history_user = invited_by
        earlier._change_reason = "Replaced by a new invitation"
        earlier.save(update_fields=["revoked_at"])
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=email,
        full_name=full_name.strip(),
        token_hash=token_hash(token),
        central_role=role.central_role,
        authority=role.authority,
        access_level=role.access_level if role.authority else "",
        invited_by=invited_by,
        expires_at=now + INVITATION_LIFETIME,
    )
    invitation._history_user = invited_by
    invitation._change_reason = "Invitation sent"
    invitation.save()
    # In this transaction: the email exists if and only if the invitation does (outbox).
    _send(invitation=invitation, token=token, base_url=base_url)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, invited_by: User, base_url: str) -> Invitation:
    """Revoke the invitation and send a new one, with a new token, for the same role."""
    if invitation.accepted_at is not None:
        raise ActionRefused(f"{invitation.email} has already accepted their invitation.")
    role = InvitationRole(invitation.central_role, invitation.authority, invitation.access_level)
    return invitation_create(
        email=invitation.email, full_name=invitation.full_name, role=role, invited_by=invited_by, base_url=base_url
    )


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, user: User | None = None) -> None:
    if invitation.accepted_at is not None:
        raise ActionRefused(f"{invitation.email} has already accepted their invitation.")
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation._history_user = user
        invitation._change_reason = "Invitation cancelled"
        invitation.save(update_fields=["revoked_at"])


def invitation_problem(invitation: Invitation | None) -> str | None:
    """Why this invitation link cannot be used, in words for the person who clicked it."""
    if invitation is None:
        return "This invitation link is not valid. Check you used the whole link from the email."
    if invitation.accepted_at is not None:
        return "This invitation has already been used. Sign in, or reset your password if you have forgotten it."
    if invitation.revoked_at is not None:
        return "This invitation has been replaced or cancelled. Use the link in the latest email you were sent."
    if invitation.is_expired:
        return "This invitation has expired. Ask your administrator to send you a new one."
    return None


def invitation_for_token(*, token: str) -> tuple[Invitation | None, str | None]:
    """The invitation a link's token belongs to, and why it cannot be used (None if it can)."""
    invitation = Invitation.objects.select_related("authority").filter(token_hash=token_hash(token)).first()
    return invitation, invitation_problem(invitation)


@transaction.atomic
def invitation_accept(*, token: str, full_name: str, password: str) -> User:
    """Create the invitee's account with the invited role. The password must already be validated."""
    invitation = Invitation.objects.select_for_update().filter(token_hash=token_hash(token)).first()
    if problem := invitation_problem(invitation):
        raise ActionRefused(problem)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ActionRefused(f"There is already an account for {invitation.email}. Sign in instead.")
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                invitation.email, password, full_name=full_name.strip(), central_role=invitation.central_role
            )
    except IntegrityError:
        raise ActionRefused(f"There is already an account for {invitation.email}. Sign in instead.") from None
    if invitation.authority_id:
        AuthorityAccess.objects.create(user=user, authority_id=invitation.authority_id, level=invitation.access_level)
    invitation.accepted_at = timezone.now()
    invitation._history_user = user
    invitation._change_reason = "Invitation accepted"
    invitation.save(update_fields=["accepted_at"])
    return user
