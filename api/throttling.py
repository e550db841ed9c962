"""Rate limits: per token for signed calls, per client address for public ones.

Counts live in Django's default cache (the shared cache: database or Redis), so every
app server enforces the same limit. Rates come from settings (``API_THROTTLE_RATE``,
``API_ANONYMOUS_THROTTLE_RATE``).
"""
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

from .authentication import request_token


class TokenRateThrottle(SimpleRateThrottle):
    scope = "token"

    def get_cache_key(self, request, view):
        token = request_token(request)
        if token is None:
            return None  # anonymous calls are limited by AnonymousRateThrottle
        return self.cache_format % {"scope": self.scope, "ident": token.pk}


class AnonymousRateThrottle(AnonRateThrottle):
    scope = "anonymous"
