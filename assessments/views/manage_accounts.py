"""Public account pages: accept an invitation, reset a forgotten password.

These are for people who are not signed in, so they are outside /manage/. Password
reset is Django's own views with GOV.UK templates and forms.
"""
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache

from assessments.forms.manage_accounts import (
    GovukPasswordResetForm,
    GovukSetPasswordForm,
)
from assessments.forms.manage_people import AcceptInvitationForm
from assessments.services.manage_invitations import (
    invitation_accept,
    invitation_for_token,
)

from .refusals import run_service

# The emailed link carries the secret token once; it then lives in the session, so later
# pages, Referer headers and access-log lines never contain it (as Django's password reset).
INVITATION_SESSION_KEY = "invitation_token"
SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"
NO_INVITATION = "This link is not valid. Use the link in your invitation email, or ask your administrator for a new one."


@never_cache
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "GET":
        invitation, problem = invitation_for_token(token=token)
        if problem:
            return render(request, "registration/invitation_invalid.html", {"problem": problem}, status=404 if invitation is None else 410)
        request.session[INVITATION_SESSION_KEY] = token
        return redirect("accept-invitation-form")
    return _accept(request, token)


@never_cache
def accept_invitation_form(request: HttpRequest) -> HttpResponse:
    token = request.session.get(INVITATION_SESSION_KEY)
    if not token:
        return render(request, "registration/invitation_invalid.html", {"problem": NO_INVITATION}, status=404)
    return _accept(request, token)


def _accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation, problem = invitation_for_token(token=token)
    if problem:
        return render(request, "registration/invitation_invalid.html", {"problem": problem}, status=404 if invitation is None else 410)
    form = AcceptInvitationForm(request.POST or None, email=invitation.email, initial={"full_name": invitation.full_name})
    if request.method == "POST" and form.is_valid():
        outcome = run_service(
            None, invitation_accept, token=token, full_name=form.cleaned_data["full_name"], password=form.cleaned_data["password1"]
        )
        if not outcome.ok:
            return render(request, "registration/invitation_invalid.html", {"problem": outcome.message}, status=409)
        user = outcome.result
        request.session.pop(INVITATION_SESSION_KEY, None)
        # They have just proved they hold the emailed link and chosen a password: signed in.
        login(request, user, backend=SIGN_IN_BACKEND)
        messages.success(request, "Your account is ready and you are signed in. Next time, sign in with your email address and password.")
        return redirect("start")
    context = {"form": form, "invitation": invitation}
    return render(request, "registration/accept_invitation.html", context, status=400 if form.errors else 200)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = GovukPasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password-reset-sent")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = GovukSetPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"
