"""The audit trail: names and GOV.UK dates, "Signed in", filters by person, object and date,
CSV export; search forms send no CSRF token in the address."""
import csv
import datetime
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.models import Round
from assessments.services.manage_rounds import close_plan, round_close
from assessments.services.publishing import publish_preview, round_publish
from tests.factories import AdminFactory, AssessmentFactory, RoundFactory, UserFactory

pytestmark = pytest.mark.django_db


def rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.fixture
def history(people):
    """Two admins acting on two rounds, one of them publishing with a named person."""
    priya = AdminFactory(full_name="Priya Shah", email="priya@example.gov.uk")
    tom = AdminFactory(full_name="Tom Ellis", email="tom@example.gov.uk")
    published = RoundFactory(name="Baseline 2020")
    AssessmentFactory(round=published, state="approved", submitted_at=timezone.now(), submitted_by=people["editor"])
    round_publish(round=published, user=priya, confirmed_plan=publish_preview(round_=published).plan)
    closed = RoundFactory(name="2026-27 readiness")
    round_close(round_=closed, user=tom, confirmed_plan=close_plan(round_=closed)[1])
    return {"priya": priya, "tom": tom, "published": published, "closed": closed}


def test_the_trail_shows_names_and_govuk_dates_not_ids_or_microseconds(admin_client, history):
    page = admin_client.get(reverse("manage-audit")).content.decode()
    assert "published by: blank → Priya Shah" in page
    # GOV.UK times: "4:03pm", or "midday" and "midnight" on the hour (a run at 00:00 or 12:00 sees those).
    assert re.search(r"published at: blank → \d{1,2} [A-Z][a-z]+ 20\d\d at (\d{1,2}:\d\d(am|pm)|midday|midnight)", page)
    assert f"published by: blank → {history['priya'].pk}" not in page
    assert not re.search(r"\d\d:\d\d:\d\d\.\d{6}", page)


def test_sign_ins_say_signed_in(admin_client):
    person = UserFactory(full_name="Sam Patel")
    Client().force_login(person)
    page = admin_client.get(reverse("manage-audit"), {"subject": "Sam Patel"}).content.decode()
    assert "Signed in" in page


def test_filter_by_person_kind_name_and_date(admin_client, history):
    by_tom = admin_client.get(reverse("manage-audit"), {"person": "tom@"}).content.decode()
    assert "Closed" in by_tom and "Published:" not in by_tom

    rounds_only = admin_client.get(reverse("manage-audit"), {"what": "Round", "subject": "baseline"}).context["entries"]
    assert rounds_only and {e.subject for e in rounds_only} == {"Baseline 2020"}

    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    dates = {"since_0": tomorrow.day, "since_1": tomorrow.month, "since_2": tomorrow.year}
    assert admin_client.get(reverse("manage-audit"), dates).context["entries"] == []

    backwards = {**dates, "until_0": today.day, "until_1": today.month, "until_2": today.year}
    response = admin_client.get(reverse("manage-audit"), backwards)
    assert response.status_code == 400
    assert "The last date must be the same as or after the first date" in response.content.decode()


def test_csv_export_follows_the_filters_and_neutralises_formulas(admin_client, history):
    Round.objects.filter(pk=history["closed"].pk).update(name="=HYPERLINK(1)")
    response = admin_client.get(reverse("manage-audit-csv"), {"what": "Round"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    found = rows(response)
    assert {row["Kind"] for row in found} == {"Round"}
    published = [row for row in found if row["Reason"].startswith("Published")]
    assert published and published[0]["By"] == "Priya Shah"
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", published[0]["When (ISO 8601)"])
    names = {row["Name"] for row in rows(admin_client.get(reverse("manage-audit-csv"), {"person": "tom"}))}
    assert names == {"2026-27 readiness"}  # history keeps the name it had when Tom closed it


@pytest.mark.parametrize("name", ["manage-authorities", "manage-people", "manage-audit"])
def test_search_forms_carry_no_csrf_token(admin_client, name):
    page = admin_client.get(reverse(name)).content.decode()
    forms = re.findall(r'<form method="get".*?</form>', page, flags=re.S)
    assert forms and all("csrfmiddlewaretoken" not in form for form in forms)


def test_the_audit_page_query_count_does_not_grow_with_changes(admin_client, django_assert_max_num_queries):
    admin = AdminFactory()
    for n in range(30):
        round_ = RoundFactory(name=f"Round {n}")
        round_close(round_=round_, user=admin, confirmed_plan=close_plan(round_=round_)[1])
    with django_assert_max_num_queries(25):
        assert admin_client.get(reverse("manage-audit")).status_code == 200


def test_cancelling_an_invitation_is_recorded_with_who(admin_client, admin):
    from assessments.models import Invitation
    from assessments.services.manage_invitations import InvitationRole, invitation_create

    invitation = invitation_create(email="new@example.gov.uk", full_name="New", role=InvitationRole(central_role="reviewer"),
                                   invited_by=admin, base_url="http://testserver")
    admin_client.post(reverse("manage-invitation-revoke", args=[invitation.pk]))
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is not None
    entries = admin_client.get(reverse("manage-audit"), {"what": "Invitation"}).context["entries"]
    assert [(e.reason, e.by) for e in entries] == [("Invitation cancelled", str(admin)), ("Invitation sent", str(admin))]
    assert all("token" not in change for e in entries for change in e.changes)


def test_a_deadline_extension_is_in_the_trail_with_who_and_a_govuk_date(admin_client, assessment, admin):
    from assessments.services.manage_rounds import assessment_set_deadline

    new = timezone.localdate() + datetime.timedelta(days=40)
    assessment_set_deadline(assessment=assessment, deadline=new, reason="Flooding", user=admin)
    entries = admin_client.get(reverse("manage-audit"), {"what": "Assessment"}).context["entries"]
    extended = [e for e in entries if e.reason.startswith("Deadline extended")]
    assert extended and extended[0].by == str(admin)
    assert extended[0].subject == f"{assessment.authority.short_name} in {assessment.round.name}"
    assert extended[0].reason == f"Deadline extended to {new.day} {new.strftime('%B %Y')}: Flooding"
