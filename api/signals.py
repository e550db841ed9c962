"""Deactivating a person revokes their API tokens, however it is done (manage pages or Django admin).

Authentication already refuses a deactivated owner's tokens; revoking them as well means
reactivating the person does not bring old tokens back to life.
"""
from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .services import tokens_revoke_all


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="api_revoke_tokens_on_deactivation")
def revoke_tokens_on_deactivation(sender, instance, **kwargs):
    if not instance.is_active:
        tokens_revoke_all(user=instance)
