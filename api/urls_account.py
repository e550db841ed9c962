"""/account/api-tokens/: the signed-in person's personal API tokens (web pages, session sign-in)."""
from django.urls import path

from .views import account

urlpatterns = [
    path("", account.tokens_page, name="account-api-tokens"),
    path("<int:pk>/revoke/", account.token_revoke_page, name="account-api-token-revoke"),
]
