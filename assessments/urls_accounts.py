"""Pages for people who are not (yet) signed in.

Mounted at the site root: the account pages live under /account/.
"""
from django.urls import path

from assessments.views import manage_accounts as accounts

urlpatterns = [
    path("account/invitation/accept/", accounts.accept_invitation_form, name="accept-invitation-form"),
    path("account/invitation/<str:token>/", accounts.accept_invitation, name="accept-invitation"),
    path("account/password-reset/", accounts.PasswordResetView.as_view(), name="password-reset"),
    path("account/password-reset/sent/", accounts.PasswordResetDoneView.as_view(), name="password-reset-sent"),
    path(
        "account/password-reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("account/password-reset/complete/", accounts.PasswordResetCompleteView.as_view(), name="password-reset-complete"),
]
