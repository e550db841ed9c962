"""ETag and If-None-Match on every API read: a strong ETag of the body, 304 when it matches.

The body depends on who asks (a token sees only what its owner may), so the ETag does
too, and responses are ``private`` and vary on ``Authorization``. Clients revalidate
every time (``no-cache``); a 304 saves the transfer, not the permission check.
"""
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers, set_response_etag


class ConditionalGetMixin:
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Authorization"])
        patch_cache_control(response, private=True, no_cache=True)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        set_response_etag(response)
        return get_conditional_response(request, etag=response.headers["ETag"], response=response)
