"""Widening an open round, adding one authority to it, "Scheduled" rounds, and a new round
copying the previous one's settings. Nothing is created until the preview is confirmed,
and a stale or forged confirmation creates nothing."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.access import edit_refusal_reason
from assessments.models import Assessment, AuthorityKind, Round
from assessments.services.errors import ActionRefused
from assessments.services.manage_rounds import (
    add_authority_plan,
    coverage_plan,
    round_add_authority,
    round_extend_coverage,
)
from tests.factories import AssessmentFactory, AuthorityFactory, RoundFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def open_mca_round(authority):
    round_ = RoundFactory(covers_kinds=["mca"])
    AssessmentFactory(round=round_, authority=authority)
    return round_


def test_adding_a_kind_previews_then_creates_exactly_what_was_shown(admin_client, open_mca_round, other_authority):
    leps = [AuthorityFactory(kind=AuthorityKind.LEP, has_mayor=False) for _ in range(3)]
    AuthorityFactory(kind=AuthorityKind.LEP, abolished=TODAY - datetime.timedelta(days=1))
    url = reverse("manage-round-coverage", args=[open_mca_round.pk])

    preview = admin_client.post(url, {"covers_kinds": ["mca", "lep"]})
    page = preview.content.decode()
    assert preview.status_code == 200 and "Check the new assessments" in page
    # The three live LEPs, and the combined authority the round covers but has no assessment for.
    assert all(lep.name in page for lep in leps + [other_authority]) and "4 draft assessments" in page
    assert open_mca_round.assessments.count() == 1  # nothing yet

    plan = preview.context["plan"]
    done = admin_client.post(url, {"covers_kinds": ["mca", "lep"], "plan": plan, "confirm": "yes"})
    assert done.status_code == 302
    open_mca_round.refresh_from_db()
    assert open_mca_round.covers_kinds == ["lep", "mca"]
    assert set(open_mca_round.assessments.values_list("authority_id", flat=True)) >= {lep.pk for lep in leps}
    assert open_mca_round.assessments.count() == 5
    record = open_mca_round.history.first()
    assert "4 assessments created" in record.history_change_reason and record.history_user.central_role == "admin"


def test_a_stale_coverage_confirmation_creates_nothing(admin, open_mca_round):
    AuthorityFactory(kind=AuthorityKind.LEP)
    _, plan = coverage_plan(round_=open_mca_round, kinds=["lep", "mca"])
    AuthorityFactory(kind=AuthorityKind.LEP)  # someone adds an authority after the preview

    with pytest.raises(ActionRefused, match="changed since you checked"):
        round_extend_coverage(round_=open_mca_round, kinds=["lep", "mca"], confirmed_plan=plan, user=admin)
    open_mca_round.refresh_from_db()
    assert open_mca_round.covers_kinds == ["mca"] and open_mca_round.assessments.count() == 1


def test_a_forged_coverage_confirmation_creates_nothing(admin_client, open_mca_round):
    AuthorityFactory(kind=AuthorityKind.LEP)
    url = reverse("manage-round-coverage", args=[open_mca_round.pk])
    for plan in ["", "0" * 32]:
        admin_client.post(url, {"covers_kinds": ["mca", "lep"], "plan": plan, "confirm": "yes"})
    # A plan previewed for other kinds does not confirm these ones.
    _, cca_plan = coverage_plan(round_=open_mca_round, kinds=["cca", "mca"])
    admin_client.post(url, {"covers_kinds": ["mca", "lep"], "plan": cca_plan, "confirm": "yes"})
    open_mca_round.refresh_from_db()
    assert open_mca_round.covers_kinds == ["mca"] and open_mca_round.assessments.count() == 1


def test_coverage_only_grows(admin, admin_client, open_mca_round):
    response = admin_client.post(reverse("manage-round-coverage", args=[open_mca_round.pk]), {"covers_kinds": ["lep"]})
    assert response.status_code == 400 and "can only grow" in response.content.decode()
    _, plan = coverage_plan(round_=open_mca_round, kinds=["lep"])
    with pytest.raises(ActionRefused, match="can only grow"):
        round_extend_coverage(round_=open_mca_round, kinds=["lep"], confirmed_plan=plan, user=admin)


def test_adding_one_authority_previews_then_creates_one_assessment(admin_client, open_mca_round):
    newcomer = AuthorityFactory(kind=AuthorityKind.CCA, established=TODAY.isoformat())
    url = reverse("manage-round-add-authority", args=[open_mca_round.pk])
    assert newcomer.name in admin_client.get(url).content.decode()

    preview = admin_client.post(url, {"authority": newcomer.pk})
    assert preview.status_code == 200 and f"Add {newcomer.name} to the round?" in preview.content.decode()
    assert not Assessment.objects.filter(authority=newcomer).exists()

    admin_client.post(url, {"authority": newcomer.pk, "plan": preview.context["plan"], "confirm": "yes"})
    assert Assessment.objects.filter(authority=newcomer, round=open_mca_round).count() == 1
    assert f"Added {newcomer.name}" in open_mca_round.history.first().history_change_reason


def test_adding_one_authority_refuses_stale_forged_and_duplicate(admin, open_mca_round, authority):
    newcomer = AuthorityFactory()
    plan = add_authority_plan(round_=open_mca_round, authority=newcomer)
    with pytest.raises(ActionRefused, match="changed since you checked"):
        round_add_authority(round_=open_mca_round, authority=newcomer, confirmed_plan="forged", user=admin)
    newcomer.abolished = TODAY
    newcomer.save()
    with pytest.raises(ActionRefused, match="changed since you checked"):
        round_add_authority(round_=open_mca_round, authority=newcomer, confirmed_plan=plan, user=admin)
    with pytest.raises(ActionRefused, match="already has an assessment"):
        round_add_authority(round_=open_mca_round, authority=authority,
                            confirmed_plan=add_authority_plan(round_=open_mca_round, authority=authority), user=admin)
    assert not Assessment.objects.filter(authority=newcomer).exists()


def test_coverage_and_adding_need_an_open_round(admin_client):
    draft = RoundFactory(not_yet_open=True)
    for name in ["manage-round-coverage", "manage-round-add-authority"]:
        response = admin_client.get(reverse(name, args=[draft.pk]))
        assert response.status_code == 302


def test_a_round_opened_before_its_opening_date_is_scheduled_everywhere(client, admin_client, authority):
    opens = TODAY + datetime.timedelta(days=10)
    round_ = RoundFactory(opens_on=opens, closes_on=opens + datetime.timedelta(days=30))
    assessment = AssessmentFactory(round=round_, authority=authority)
    editor = UserFactory(editor_of=authority)

    for url in [reverse("manage-rounds"), reverse("manage-round", args=[round_.pk])]:
        assert "Scheduled" in admin_client.get(url).content.decode()
    client.force_login(editor)
    for url in [reverse("start"), reverse("assessment-task-list", args=[assessment.pk])]:
        page = client.get(url).content.decode()
        assert "Scheduled" in page and "Open</" not in page
    reason = edit_refusal_reason(user=editor, assessment=assessment)
    assert "scheduled to open on" in reason
    step = client.post(reverse("assessment-step", args=[assessment.pk, 1]), {})
    assert step.status_code == 403


def test_a_new_round_can_copy_the_previous_rounds_settings_a_year_on(admin_client):
    previous = RoundFactory(name="2026-27", covers_kinds=["cca", "mca"], landscape="current",
                            opens_on=datetime.date(2026, 4, 1), closes_on=datetime.date(2027, 2, 28))
    page = admin_client.get(reverse("manage-round-new")).content.decode()
    assert f"?copy={previous.pk}" in page

    response = admin_client.get(reverse("manage-round-new"), {"copy": previous.pk})
    form = response.context["form"]
    assert form.initial["opens_on"] == datetime.date(2027, 4, 1)
    assert form.initial["closes_on"] == datetime.date(2028, 2, 28)
    assert form.initial["covers_kinds"] == ["cca", "mca"] and form.initial["framework"] == previous.framework_id
    html = response.content.decode()
    assert 'value="2028"' in html and "checked" in html
    assert Round.objects.count() == 1
