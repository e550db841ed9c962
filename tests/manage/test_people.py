"""Invitations, roles, deactivation, password reset, sign-in lockout and the audit trail."""
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from assessments.models import (
    AuthorityAccess,
    AuthorityAccessLevel,
    CentralRole,
    Invitation,
    User,
)
from assessments.services.errors import ActionRefused
from assessments.services.manage_invitations import (
    InvitationRole,
    invitation_accept,
    invitation_create,
    token_hash,
)
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-long-unusual-passphrase-42"


def invite(admin_client, authority, email="new.editor@example.gov.uk", **overrides):
    data = {"email": email, "full_name": "New Editor", "role": "authority", "level": "editor", "authority": authority.pk, **overrides}
    with_commit = admin_client.post(reverse("manage-invite"), data)
    return with_commit


def emailed_link() -> str:
    return re.search(r"http://testserver(/account/invitation/[^/\s]+/)", mail.outbox[-1].body).group(1)


def accept(client, link, password=NEW_PASSWORD, **overrides):
    data = {"full_name": "New Editor", "password1": password, "password2": password, **overrides}
    return client.post(link, data)


def test_invited_editor_sets_a_password_and_gets_access(admin_client, client, authority, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(admin_client, authority)
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["new.editor@example.gov.uk"]
    link = emailed_link()
    invitation = Invitation.objects.get()
    assert invitation.token_hash == token_hash(link.rstrip("/").rsplit("/", 1)[1])
    assert link.rstrip("/").rsplit("/", 1)[1] not in invitation.token_hash  # only the hash is stored

    admin_client.logout()
    assert client.get(link, follow=True).status_code == 200  # via the token-free page
    response = accept(client, link)
    assert response.status_code == 302 and response["Location"] == reverse("start")
    assert client.get(reverse("start")).context["user"].email == "new.editor@example.gov.uk"  # signed in
    user = User.objects.get(email="new.editor@example.gov.uk")
    assert user.check_password(NEW_PASSWORD) and user.central_role == ""
    assert AuthorityAccess.objects.get(user=user).level == AuthorityAccessLevel.EDITOR
    response = client.post(reverse("login"), {"username": user.email, "password": NEW_PASSWORD})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_an_invitation_link_works_only_once(admin_client, client, authority, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(admin_client, authority)
    link = emailed_link()
    admin_client.logout()
    accept(client, link)
    response = client.get(link)
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert accept(client, link, password="another-long-passphrase-9").status_code == 410
    assert User.objects.filter(email="new.editor@example.gov.uk").count() == 1


def test_an_expired_invitation_is_refused(admin, client, authority):
    invitation_create(email="late@example.gov.uk", full_name="", role=InvitationRole(authority=authority, access_level="viewer"),
                      invited_by=admin, base_url="http://testserver")
    token = "expired-token-for-test"
    Invitation.objects.update(token_hash=token_hash(token), expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(reverse("accept-invitation", args=[token]))
    assert response.status_code == 410 and "has expired" in response.content.decode()
    with pytest.raises(ActionRefused, match="expired"):
        invitation_accept(token=token, full_name="Late", password=NEW_PASSWORD)
    assert not User.objects.filter(email="late@example.gov.uk").exists()


def test_a_wrong_token_is_refused(client, admin, authority):
    invitation_create(email="someone@example.gov.uk", full_name="", role=InvitationRole(central_role="reviewer"),
                      invited_by=admin, base_url="http://testserver")
    response = accept(client, reverse("accept-invitation", args=["guessed-token"]))
    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    assert not User.objects.filter(email="someone@example.gov.uk").exists()


def test_an_already_registered_email_cannot_be_invited(admin_client, people, authority):
    response = invite(admin_client, authority, email=people["viewer"].email.upper())
    assert response.status_code == 400
    assert "already has an account" in response.content.decode()
    assert not Invitation.objects.exists()


def test_an_account_created_meanwhile_makes_the_invitation_unusable(admin, authority):
    invitation_create(email="race@example.gov.uk", full_name="", role=InvitationRole(central_role="reviewer"),
                      invited_by=admin, base_url="http://testserver")
    Invitation.objects.update(token_hash=token_hash("race-token"))
    UserFactory(email="race@example.gov.uk")
    with pytest.raises(ActionRefused, match="already an account"):
        invitation_accept(token="race-token", full_name="Race", password=NEW_PASSWORD)


def test_passwords_are_checked_by_djangos_validators(admin, client, authority):
    invitation_create(email="weak@example.gov.uk", full_name="", role=InvitationRole(central_role="reviewer"),
                      invited_by=admin, base_url="http://testserver")
    Invitation.objects.update(token_hash=token_hash("weak-token"))
    link = reverse("accept-invitation", args=["weak-token"])
    response = accept(client, link, password="password")
    assert response.status_code == 400
    page = response.content.decode()
    assert "This password is too short" in page and "There is a problem" in page
    response = accept(client, link, password2="something-else-entirely")
    assert "The passwords do not match" in response.content.decode()
    # Every problem at once: a missing name, a weak password and a mismatch together.
    page = accept(client, link, password="password", password2="passwerd", full_name="").content.decode()
    for message in ["Enter your full name", "This password is too short", "The passwords do not match"]:
        assert message in page
    assert not User.objects.filter(email="weak@example.gov.uk").exists()


def test_resending_revokes_the_old_link(admin_client, client, authority, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(admin_client, authority)
    old_link = emailed_link()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("manage-invitation-resend", args=[Invitation.objects.get().pk]))
    assert response.status_code == 302
    new_link = emailed_link()
    assert new_link != old_link
    admin_client.logout()
    assert client.get(old_link).status_code == 410
    assert accept(client, new_link).status_code == 302


def test_central_invitation_gives_the_role(admin_client, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("manage-invite"), {"email": "lead@example.gov.uk", "full_name": "Lead", "role": "lead_reviewer"})
    assert response.status_code == 302
    admin_client.logout()
    accept(client, emailed_link())
    assert User.objects.get(email="lead@example.gov.uk").central_role == CentralRole.LEAD_REVIEWER


def test_invite_form_errors(admin_client):
    response = admin_client.post(reverse("manage-invite"), {"email": "not-an-email", "role": "authority"})
    page = response.content.decode()
    assert response.status_code == 400
    for message in ["Enter an email address in the correct format", "Enter their full name", "Select the authority they will work on",
                    "Select whether they will be an editor or a viewer"]:
        assert message in page
    # The authority questions are inside the "Someone at an authority" radio (GOV.UK conditional reveal).
    assert 'data-aria-controls="conditional-authority"' in page and 'id="conditional-authority"' in page
    assert 'class="govuk-radios__conditional" id="conditional-authority"' in page  # shown: it is chosen


def test_central_invitations_ignore_a_chosen_authority(admin_client, authority, django_capture_on_commit_callbacks):
    data = {"email": "rev@example.gov.uk", "full_name": "Rev", "role": "reviewer", "authority": authority.pk, "level": "editor"}
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(reverse("manage-invite"), data).status_code == 302
    invitation = Invitation.objects.get(email="rev@example.gov.uk")
    assert invitation.authority_id is None and invitation.central_role == "reviewer"
    page = admin_client.get(reverse("manage-invite")).content.decode()
    assert 'govuk-radios__conditional govuk-radios__conditional--hidden" id="conditional-authority"' in page


def test_change_role_and_access_are_in_the_audit_trail(admin_client, people, authority, other_authority):
    viewer = people["viewer"]
    admin_client.post(reverse("manage-person-role", args=[viewer.pk]), {"central_role": "reviewer"})
    admin_client.post(reverse("manage-person-access", args=[viewer.pk]), {"authority": other_authority.pk, "level": "editor"})
    viewer.refresh_from_db()
    assert viewer.central_role == CentralRole.REVIEWER
    assert AuthorityAccess.objects.get(user=viewer, authority=other_authority).level == "editor"
    page = admin_client.get(reverse("manage-person", args=[viewer.pk])).content.decode()
    assert "Role changed to Reviewer" in page
    assert "Editor access to West Midlands" in page
    assert "central role: blank → reviewer" in page
    audit = admin_client.get(reverse("manage-audit")).content.decode()
    assert "Role changed to Reviewer" in audit


def test_deactivated_people_cannot_sign_in_and_keep_their_history(admin_client, client, people):
    editor = people["editor"]
    admin_client.post(reverse("manage-person-active", args=[editor.pk]), {"active": "no"})
    editor.refresh_from_db()
    assert not editor.is_active
    assert User.objects.filter(pk=editor.pk).exists()
    assert editor.history.first().history_change_reason == "Deactivated"
    admin_client.logout()
    response = client.post(reverse("login"), {"username": editor.email, "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_admins_cannot_demote_or_deactivate_themselves(admin_client, admin):
    admin_client.post(reverse("manage-person-role", args=[admin.pk]), {"central_role": ""})
    admin_client.post(reverse("manage-person-active", args=[admin.pk]), {"active": "no"})
    admin.refresh_from_db()
    assert admin.central_role == CentralRole.ADMIN and admin.is_active


def test_password_reset_by_email(client, people):
    editor = people["editor"]
    response = client.post(reverse("password-reset"), {"email": editor.email})
    assert response.status_code == 302 and response["Location"] == reverse("password-reset-sent")
    link = re.search(r"http://testserver(/account/password-reset/\S+/)", mail.outbox[-1].body).group(1)
    response = client.get(link, follow=True)
    assert "Choose a new password" in response.content.decode()
    response = client.post(response.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password(NEW_PASSWORD)


def test_admin_can_email_a_password_reset(admin_client, people):
    response = admin_client.post(reverse("manage-person-password-reset", args=[people["viewer"].pk]))
    assert response.status_code == 302
    assert mail.outbox[-1].to == [people["viewer"].email]
    assert "/account/password-reset/" in mail.outbox[-1].body


def test_sign_in_locks_out_after_five_failures(client, people):
    editor = people["editor"]
    for _ in range(4):
        assert client.post(reverse("login"), {"username": editor.email, "password": "wrong"}).status_code == 200
    # The fifth failure locks the account out at once.
    response = client.post(reverse("login"), {"username": editor.email, "password": "wrong again"})
    assert response.status_code == 429
    assert "You cannot sign in for 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_also_refuses_the_right_password(client, people):
    # Locks the account+address pair, so the right password is refused too (axes must read
    # the "username" field the sign-in form posts: settings.AXES_USERNAME_FORM_FIELD).
    editor = people["editor"]
    for _ in range(5):
        client.post(reverse("login"), {"username": editor.email, "password": "wrong"})
    response = client.post(reverse("login"), {"username": editor.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "You cannot sign in for 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Someone else at the same address is not locked out by another person's failures.
    other = people["viewer"]
    assert client.post(reverse("login"), {"username": other.email, "password": PASSWORD}).status_code == 302


def test_people_list_filters_and_query_count(admin_client, people, django_assert_max_num_queries):
    for _ in range(30):
        UserFactory(editor_of=people["editor"].authority_access.first().authority)
    with django_assert_max_num_queries(13):
        response = admin_client.get(reverse("manage-people"), {"role": "reviewer"})
    assert people["reviewer"].email in response.content.decode()
    assert people["editor"].email not in response.content.decode()


def test_the_emailed_token_leaves_the_address_bar_after_the_first_request(client, admin, authority):
    """The token moves into the session, so later pages, Referer headers and access logs never carry it."""
    invitation_create(email="private@example.gov.uk", full_name="", role=InvitationRole(central_role="reviewer"),
                      invited_by=admin, base_url="http://testserver")
    Invitation.objects.update(token_hash=token_hash("secret-token-in-email"))
    response = client.get(reverse("accept-invitation", args=["secret-token-in-email"]))
    assert response.status_code == 302 and response["Location"] == reverse("accept-invitation-form")
    page = client.get(response["Location"])
    assert page.status_code == 200 and "secret-token-in-email" not in page.content.decode()
    done = client.post(response["Location"], {"full_name": "Pat Private", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302 and User.objects.filter(email="private@example.gov.uk").exists()
    # Used up: the token has left the session (the person is now signed in; a central role's
    # next page is setting up the second factor).
    assert "invitation_token" not in client.session
    assert done["Location"] == reverse("start")
    # A new reviewer is signed in, but reaches nothing until their second factor is set up.
    assert client.get(reverse("accept-invitation-form"))["Location"].startswith(reverse("second-factor-setup"))
