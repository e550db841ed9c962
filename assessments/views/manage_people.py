"""People administration: list, a person's page (roles, access, audit trail), invitations."""
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from assessments.access.manage import (
    access_grant_to_manage,
    access_invitation_to_manage,
    access_person_to_manage,
    admin_required,
)
from assessments.forms.manage_people import (
    AccessForm,
    CentralRoleForm,
    InviteForm,
    PeopleFilterForm,
)
from assessments.selectors.manage_audit import user_trail
from assessments.selectors.manage_people import (
    pending_invitations,
    people_list,
    person_access,
)
from assessments.services.manage_invitations import (
    invitation_create,
    invitation_resend,
    invitation_revoke,
)
from assessments.services.manage_users import (
    user_grant_access,
    user_remove_access,
    user_send_password_reset,
    user_set_active,
    user_set_central_role,
)

from .listing import page_of, query_string
from .refusals import run_service


def _base_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


@admin_required
@require_safe
def people_index(request: HttpRequest) -> HttpResponse:
    form = PeopleFilterForm(request.GET or None)
    people = people_list(query=form.value("q").strip(), role=form.value("role"), active=form.value("active"))
    context = {"form": form, "page": page_of(request, people), "query_string": query_string(request)}
    return render(request, "manage/people.html", context)


def _person_page(request, person, *, role_form=None, access_form=None, extra_errors=(), status=200):
    context = {
        "extra_errors": list(extra_errors),
        "person": person,
        "access": person_access(user=person),
        "role_form": role_form or CentralRoleForm(initial={"central_role": person.central_role}),
        "access_form": access_form or AccessForm(),
        "trail": user_trail(user=person),
        "is_self": person.pk == request.user.pk,
    }
    return render(request, "manage/person.html", context, status=status)


@admin_required
@require_safe
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_page(request, access_person_to_manage(user=request.user, pk=pk))


@admin_required
@require_POST
def person_role(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person_to_manage(user=request.user, pk=pk)
    form = CentralRoleForm(request.POST)
    extra_errors = []
    if form.is_valid():
        outcome = run_service(
            form, user_set_central_role,
            user=person, central_role=form.cleaned_data["central_role"], by=request.user, error_field="central_role",
        )
        if outcome.ok:
            messages.success(request, f"Role saved for {person.email}.")
            return redirect("manage-person", pk=person.pk)
        extra_errors = outcome.details
    return _person_page(request, person, role_form=form, extra_errors=extra_errors, status=400)


@admin_required
@require_POST
def person_access_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person_to_manage(user=request.user, pk=pk)
    form = AccessForm(request.POST)
    if form.is_valid():
        user_grant_access(user=person, authority=form.cleaned_data["authority"], level=form.cleaned_data["level"], by=request.user)
        messages.success(request, f"Access saved for {person.email}.")
        return redirect("manage-person", pk=person.pk)
    return _person_page(request, person, access_form=form, status=400)


@admin_required
@require_POST
def person_access_remove(request: HttpRequest, pk: int, access_pk: int) -> HttpResponse:
    access = access_grant_to_manage(user=request.user, person_pk=pk, access_pk=access_pk)
    user_remove_access(access=access, by=request.user)
    messages.success(request, f"Access to {access.authority.short_name} removed.")
    return redirect("manage-person", pk=pk)


@admin_required
@require_POST
def person_active(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person_to_manage(user=request.user, pk=pk)
    active = request.POST.get("active") == "yes"
    if run_service(request, user_set_active, user=person, active=active, by=request.user).ok:
        messages.success(request, f"{person.email} {'reactivated' if active else 'deactivated: they can no longer sign in'}.")
    return redirect("manage-person", pk=person.pk)


@admin_required
@require_POST
def person_password_reset(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person_to_manage(user=request.user, pk=pk)
    if run_service(request, user_send_password_reset, user=person, domain=request.get_host(), use_https=request.is_secure()).ok:
        messages.success(request, f"A password reset link has been emailed to {person.email}.")
    return redirect("manage-person", pk=person.pk)


@admin_required
def invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST or None)
    extra_errors = []
    if request.method == "POST" and form.is_valid():
        outcome = run_service(
            form, invitation_create,
            email=form.cleaned_data["email"], full_name=form.cleaned_data["full_name"],
            role=form.invitation_role(), invited_by=request.user, base_url=_base_url(request), error_field="email",
        )
        if outcome.ok:
            messages.success(request, f"Invitation sent to {outcome.result.email}. The link works for 7 days.")
            return redirect("manage-invitations")
        extra_errors = outcome.details
    context = {"form": form, "extra_errors": extra_errors}
    return render(request, "manage/invite.html", context, status=400 if form.errors else 200)


@admin_required
@require_safe
def invitation_index(request: HttpRequest) -> HttpResponse:
    page = page_of(request, pending_invitations())
    return render(request, "manage/invitations.html", {"page": page})


@admin_required
@require_POST
def invitation_resend_view(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = access_invitation_to_manage(user=request.user, pk=pk)
    outcome = run_service(request, invitation_resend, invitation=invitation, invited_by=request.user, base_url=_base_url(request))
    if outcome.ok:
        messages.success(request, f"A new invitation was sent to {outcome.result.email}. The old link no longer works.")
    return redirect("manage-invitations")


@admin_required
@require_POST
def invitation_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = access_invitation_to_manage(user=request.user, pk=pk)
    if run_service(request, invitation_revoke, invitation=invitation, user=request.user).ok:
        messages.success(request, f"The invitation to {invitation.email} was cancelled.")
    return redirect("manage-invitations")
