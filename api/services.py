"""Writes on personal API tokens: create (the secret is returned once), revoke, mark used.

The secret never leaves ``token_create`` except in its return value: it is not logged,
not stored (only its SHA-256), and tokens have no history table, so the audit trail
cannot carry it either. Log lines name tokens by id and prefix only.
"""
from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments.models import User
from assessments.services.errors import ActionRefused

from .models import TOKEN_NAME_MAX_LENGTH, ApiToken

logger = logging.getLogger(__name__)

TOKEN_PREFIX = "lur_"  # "levelling-up readiness": recognisable in secret scanners and config files
PREFIX_SHOWN = len(TOKEN_PREFIX) + 4
LIFETIME_CHOICES_DAYS = (30, 90, 365)
DEFAULT_LIFETIME_DAYS = 90
LIVE_TOKENS_PER_PERSON = 10
# Writing last_used_at on every call would turn each read into a write; once a minute is plenty.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class CreatedToken:
    token: ApiToken
    secret: str  # shown to the person once, then forgotten


@transaction.atomic
def token_create(*, user: User, name: str, lifetime_days: int) -> CreatedToken:
    name = name.strip()
    if not name:
        raise ActionRefused("Enter a name for the token, so you can tell it apart later.")
    if len(name) > TOKEN_NAME_MAX_LENGTH:
        raise ActionRefused(f"The name must be {TOKEN_NAME_MAX_LENGTH} characters or fewer.")
    if lifetime_days not in LIFETIME_CHOICES_DAYS:
        raise ActionRefused("Choose how long the token lasts.")
    if not user.is_active:
        raise ActionRefused("Deactivated accounts cannot create API tokens.")
    User.objects.select_for_update().get(pk=user.pk)  # serialise this person's token writes
    live = ApiToken.objects.filter(user=user).usable()
    if live.count() >= LIVE_TOKENS_PER_PERSON:
        raise ActionRefused(f"You already have {LIVE_TOKENS_PER_PERSON} active tokens. Revoke one you no longer use first.")
    if ApiToken.objects.filter(user=user, name=name, revoked_at__isnull=True).exists():
        raise ActionRefused("You already have a token with that name. Choose another name.")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    try:
        with transaction.atomic():
            token = ApiToken.objects.create(
                user=user, name=name, token_hash=hash_secret(secret), prefix=secret[:PREFIX_SHOWN],
                created_at=now, expires_at=now + timedelta(days=lifetime_days),
            )
    except IntegrityError:
        raise ActionRefused("You already have a token with that name. Choose another name.") from None
    logger.info("API token %s (%s…) created for user %s", token.pk, token.prefix, user.pk)
    return CreatedToken(token=token, secret=secret)


@transaction.atomic
def token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """Revoke one token (its owner does this on their account page). Revoking twice changes nothing."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.user_id != by.pk:
        raise ActionRefused("You can only revoke your own tokens.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        logger.info("API token %s (%s…) revoked by user %s", token.pk, token.prefix, by.pk)
    return token


def tokens_revoke_all(*, user: User) -> int:
    """Revoke every live token of a person (on deactivation): reactivating them does not bring tokens back."""
    count = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if count:
        logger.info("%s API tokens of user %s revoked", count, user.pk)
    return count


def token_mark_used(*, token: ApiToken) -> None:
    """Record when the token was last used, at most once a minute, without touching anything else."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
