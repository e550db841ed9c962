"""Feedback: anyone can send it without an account, one sender cannot flood it, admins read and export it."""
import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse

from feedback.models import Feedback

VALID = {"satisfaction": "dissatisfied", "comments": "The step page is long on a phone.", "reply_email": "", "page": "/help/"}


def send(client, address: str = "203.0.113.7", **changes):
    return client.post(reverse("feedback"), {**VALID, **changes}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_someone_not_signed_in_sends_feedback_from_the_page_they_were_on(client):
    form = client.get(reverse("feedback") + "?from=/dashboards/")
    assert 'value="/dashboards/"' in form.content.decode()
    response = send(client, page="/dashboards/", reply_email="pat@example.gov.uk")
    assert response.status_code == 302 and response["Location"] == reverse("feedback-sent")
    item = Feedback.objects.get()
    assert (item.satisfaction, item.comments, item.page, item.reply_email) == (
        "dissatisfied", VALID["comments"], "/dashboards/", "pat@example.gov.uk")
    assert "203.0.113.7" not in item.sender_key and len(item.sender_key) == 64


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "/" + "a" * 300])
def test_only_a_path_on_this_site_is_kept_as_the_page(client, address):
    send(client, page=address)
    assert Feedback.objects.get().page == ""


@pytest.mark.django_db
@pytest.mark.parametrize("changes, message", [
    ({"satisfaction": ""}, "Select how you feel about the service"),
    ({"satisfaction": "ecstatic"}, "Select how you feel about the service from the list"),
    ({"comments": "x" * 2001}, "Your comments must be 2,000 characters or fewer"),
    ({"reply_email": "not an email"}, "Enter an email address in the correct format"),
])
def test_a_bad_form_says_what_to_fix_and_stores_nothing(client, changes, message):
    response = send(client, **changes)
    assert response.status_code == 400
    assert message in response.content.decode() and "There is a problem" in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_one_sender_is_limited_per_hour_and_others_are_not(client, settings):
    settings.FEEDBACK_RATE_LIMIT = 3
    for _ in range(3):
        assert send(client).status_code == 302
    refused = send(client)
    assert refused.status_code == 429
    assert "sent a lot of feedback in a short time" in refused.content.decode()
    assert Feedback.objects.count() == 3
    assert send(client, address="198.51.100.9").status_code == 302  # someone else
    # An hour later the first sender may write again.
    Feedback.objects.update(created_at=Feedback.objects.first().created_at - timedelta(seconds=3601))
    assert send(client).status_code == 302
    assert Feedback.objects.count() == 5


@pytest.mark.django_db
def test_admins_read_feedback_newest_first_and_export_it(client, people):
    send(client, comments="First")
    send(client, comments="=cmd|' /C calc'!A0")
    client.force_login(people["admin"])
    page = client.get(reverse("manage-feedback")).content.decode()
    assert page.index("calc") < page.index("First")
    assert "2 responses" in page
    response = client.get(reverse("manage-feedback-csv"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["Received", "Satisfaction", "Comments", "Page", "Reply to"]
    assert [row[2] for row in rows[1:]] == ["'=cmd|' /C calc'!A0", "First"]
    assert rows[1][1] == "Dissatisfied" and rows[1][3] == "/help/"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "viewer", "reviewer", "lead_reviewer"])
def test_only_admins_read_feedback(client, people, role):
    send(client)
    client.force_login(people[role])
    assert client.get(reverse("manage-feedback")).status_code == 403
    assert client.get(reverse("manage-feedback-csv")).status_code == 403
