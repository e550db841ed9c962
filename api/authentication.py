"""``Authorization: Bearer <token>``: the API's only way in (no sessions, so no CSRF).

A missing header leaves the request anonymous (public endpoints answer; the rest say 401).
A header that is there but wrong is refused outright, the same way whatever is wrong
with it (unknown, revoked, expired, owner deactivated), so a caller learns nothing about
other people's tokens. The secret is never logged, echoed or put in an error.
"""
from __future__ import annotations

from rest_framework import authentication, exceptions
from rest_framework.request import Request

from .models import ApiToken
from .selectors import token_for_secret
from .services import token_mark_used

KEYWORD = "Bearer"
REFUSED = "The API token is not valid: it may be mistyped, revoked or expired, or its owner's account is deactivated."


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request: Request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send the token as 'Authorization: Bearer <token>', with no spaces in the token.")
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(REFUSED) from None
        token = token_for_secret(secret)
        if token is None:
            raise exceptions.AuthenticationFailed(REFUSED)
        token_mark_used(token=token)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        # Makes DRF answer 401 (not 403) with a WWW-Authenticate challenge.
        return f'{KEYWORD} realm="api"'


def request_token(request: Request) -> ApiToken | None:
    return request.auth if isinstance(request.auth, ApiToken) else None
