"""Invitations and password resets go through the outbox too; their one-time links are erased once delivered."""
import re

import pytest
from django.core import mail
from django.urls import reverse

from outbox.models import EmailStatus, OutgoingEmail
from outbox.services import LINK_ERASED
from tests.outbox.helpers import LOCMEM_BACKEND, OUTAGE_BACKEND, database_queue, let_retry_delays_pass, run_worker

pytestmark = pytest.mark.django_db


def test_a_password_reset_asked_for_during_a_mail_outage_arrives_later_and_its_link_is_not_kept(client, people):
    with database_queue(EMAIL_BACKEND=OUTAGE_BACKEND):
        response = client.post(reverse("password-reset"), {"email": people["editor"].email})
        assert response.status_code == 302
        run_worker()
    email = OutgoingEmail.objects.get(kind="password_reset")
    assert email.status == EmailStatus.PENDING and "/account/password-reset/" in email.body
    with database_queue(EMAIL_BACKEND=LOCMEM_BACKEND):
        let_retry_delays_pass()
        run_worker()
    assert [m.to for m in mail.outbox] == [[people["editor"].email]]
    link = re.search(r"http://testserver(/account/password-reset/\S+/)", mail.outbox[0].body).group(1)
    assert client.get(link, follow=True).status_code == 200
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.body == LINK_ERASED and link not in email.body


def test_an_invitation_is_queued_with_the_invitation_and_its_link_erased_once_sent(client, people, authority):
    client.force_login(people["admin"])
    with database_queue(EMAIL_BACKEND=LOCMEM_BACKEND):
        response = client.post(reverse("manage-invite"), {
            "email": "new.editor@example.gov.uk", "full_name": "New Editor", "role": "authority", "level": "editor",
            "authority": authority.pk,
        })
        assert response.status_code == 302
        assert mail.outbox == []  # nothing is sent inside the admin's request
        run_worker()
    assert mail.outbox[0].to == ["new.editor@example.gov.uk"] and "/account/invitation/" in mail.outbox[0].body
    assert OutgoingEmail.objects.get(kind="invitation").body == LINK_ERASED
