"""The signed-in person's API tokens: list, create (the secret is shown once), revoke.

These are web pages behind the normal sign-in (and whatever second factor it asks
for), not API endpoints: a token can never be used to make another token.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from api.forms import TokenCreateForm
from api.selectors import tokens_of, tokens_with_last_use
from api.services import token_create, token_revoke
from assessments.views.refusals import run_service


def _page(request: HttpRequest, form: TokenCreateForm, *, created=None, status: int = 200) -> HttpResponse:
    return render(request, "api/tokens.html", {
        "form": form,
        "tokens": tokens_with_last_use(user=request.user),
        "created": created,
    }, status=status)


@never_cache  # the one response that carries a new secret must never be stored anywhere
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tokens_page(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, TokenCreateForm())
    form = TokenCreateForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    outcome = run_service(
        form, token_create, user=request.user, name=form.cleaned_data["name"],
        lifetime_days=form.cleaned_data["lifetime_days"], error_field="name",
    )
    if not outcome.ok:
        return _page(request, form, status=400)
    return _page(request, TokenCreateForm(), created=outcome.result)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def token_revoke_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page, then the revocation: another person's token is a 404."""
    token = tokens_of(user=request.user).filter(pk=pk).first()
    if token is None:
        raise Http404("No such token")
    if request.method == "POST":
        # The lookup above already checks the owner, so a refusal here is not expected.
        if run_service(request, token_revoke, token=token, by=request.user).ok:
            messages.success(request, f"Token “{token.name}” revoked. Anything still using it will be refused.")
        return redirect("account-api-tokens")
    if token.is_revoked:
        return redirect("account-api-tokens")
    return render(request, "api/token_revoke.html", {"token": token})
