"""Publishing: admins only, approved results only, and the public page shows nothing else, ever.
Nothing is published or unpublished until an admin confirms the preview; a stale or forged
confirmation changes nothing."""
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from assessments.models import AssessmentState, RoundState
from assessments.services.errors import ActionRefused
from assessments.services.publishing import publish_preview, round_publish, round_unpublish
from assessments.services.review import assessment_approve
from tests.builders import populate
from tests.factories import AdminFactory, LeadReviewerFactory, ReviewerFactory, RoundFactory, UserFactory

pytestmark = pytest.mark.django_db


def plan_of(round_) -> str:
    round_.refresh_from_db()
    return publish_preview(round_=round_).plan


@pytest.fixture
def mixed(open_round):
    """One authority in every state; only the approved one may ever be public."""
    made = {}
    for state, level in [(AssessmentState.DRAFT, 0), (AssessmentState.SUBMITTED, 1), (AssessmentState.IN_REVIEW, 1),
                         (AssessmentState.RETURNED, 1), (AssessmentState.APPROVED, 4)]:
        [assessment] = populate(open_round, 1, state=state, level=level)
        made[state] = assessment
    return made


def test_publish_sets_who_and_when_and_unpublish_clears(open_round, mixed):
    admin = AdminFactory()
    round_publish(round=open_round, user=admin, confirmed_plan=plan_of(open_round))
    open_round.refresh_from_db()
    assert open_round.published_by == admin and open_round.published_at is not None
    with pytest.raises(ActionRefused, match="already published"):
        round_publish(round=open_round, user=admin, confirmed_plan=plan_of(open_round))
    round_unpublish(round=open_round, user=admin, confirmed_plan=plan_of(open_round))
    open_round.refresh_from_db()
    assert open_round.published_at is None and open_round.published_by is None
    with pytest.raises(ActionRefused, match="not published"):
        round_unpublish(round=open_round, user=admin, confirmed_plan=plan_of(open_round))


def test_only_admins_publish(open_round, mixed):
    with pytest.raises(ActionRefused, match="Only admins"):
        round_publish(round=open_round, user=LeadReviewerFactory(), confirmed_plan=plan_of(open_round))
    open_round.refresh_from_db()
    assert open_round.published_at is None


def test_round_without_approved_assessments_cannot_be_published(client_for, open_round):
    populate(open_round, 2, state=AssessmentState.SUBMITTED)
    with pytest.raises(ActionRefused, match="no approved assessments"):
        round_publish(round=open_round, user=AdminFactory(), confirmed_plan=plan_of(open_round))
    response = client_for("admin").post(reverse("dashboard-publish", args=[open_round.pk]),
                                        {"confirm": "on", "plan": plan_of(open_round)})
    assert response.status_code == 400 and "no approved assessments yet" in response.content.decode()
    open_round.refresh_from_db()
    assert open_round.published_at is None


def test_public_pages_show_only_approved_assessments_of_published_rounds(client, open_round, mixed):
    unpublished = RoundFactory()
    [hidden] = populate(unpublished, 1, state=AssessmentState.APPROVED, level=4)
    round_publish(round=open_round, user=AdminFactory(), confirmed_plan=plan_of(open_round))

    listing = client.get(reverse("public-rounds")).content.decode()
    assert open_round.name in listing and unpublished.name not in listing
    assert client.get(reverse("public-round", args=[unpublished.pk])).status_code == 404

    page = client.get(reverse("public-round", args=[open_round.pk])).content.decode()
    assert mixed[AssessmentState.APPROVED].authority.name in page
    for state in [AssessmentState.DRAFT, AssessmentState.SUBMITTED, AssessmentState.IN_REVIEW, AssessmentState.RETURNED]:
        assert mixed[state].authority.name not in page
    assert hidden.authority.name not in page
    assert "25.00" not in page  # the level-1 (unapproved) scores appear nowhere
    assert "How the scores work" in page
    assert "app-heat--green" in page and "100.00" in page


def test_public_medians_use_approved_assessments_only(client, open_round, mixed):
    # Five approved at 100 and four unapproved at 25: counted together, the lower quartile
    # would be 25.00; from the approved ones alone every figure is 100.00.
    populate(open_round, 4, state=AssessmentState.APPROVED, level=4)
    round_publish(round=open_round, user=AdminFactory(), confirmed_plan=plan_of(open_round))
    response = client.get(reverse("public-round", args=[open_round.pk]))
    assert response.context["index"].count == 5
    assert (response.context["index"].lower_quartile, response.context["index"].median) == (
        Decimal("100.00"), Decimal("100.00"))
    assert "25.00" not in response.content.decode()


def test_unpublishing_takes_the_page_down(client, open_round, mixed):
    admin = AdminFactory()
    round_publish(round=open_round, user=admin, confirmed_plan=plan_of(open_round))
    round_unpublish(round=open_round, user=admin, confirmed_plan=plan_of(open_round))
    assert client.get(reverse("public-round", args=[open_round.pk])).status_code == 404


def test_the_confirmation_page_previews_counts_and_warns_while_open(client_for, open_round, mixed):
    response = client_for("admin").get(reverse("dashboard-publish", args=[open_round.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "The round is still open" in page
    assert mixed[AssessmentState.APPROVED].authority.name in page
    assert mixed[AssessmentState.DRAFT].authority.name not in page
    assert "1 draft, 1 submitted, 1 in review, 1 returned for changes" in page
    assert reverse("dashboard-publish-preview", args=[open_round.pk]) in page
    open_round.refresh_from_db()
    assert open_round.published_at is None  # looking changes nothing

    preview = client_for("admin").get(reverse("dashboard-publish-preview", args=[open_round.pk])).content.decode()
    assert "It is not public" in preview and mixed[AssessmentState.APPROVED].authority.name in preview
    assert mixed[AssessmentState.SUBMITTED].authority.name not in preview


def test_no_warning_once_the_round_is_closed(client_for, open_round, mixed):
    open_round.state = RoundState.CLOSED
    open_round.save()
    page = client_for("admin").get(reverse("dashboard-publish", args=[open_round.pk])).content.decode()
    assert "The round is still open" not in page


def test_publishing_needs_the_box_ticked(client_for, open_round, mixed):
    response = client_for("admin").post(reverse("dashboard-publish", args=[open_round.pk]), {"plan": plan_of(open_round)})
    assert response.status_code == 400
    assert "Confirm that you have checked the preview" in response.content.decode()
    open_round.refresh_from_db()
    assert open_round.published_at is None


def test_a_stale_or_forged_publish_confirmation_publishes_nothing(client_for, open_round, mixed, django_capture_on_commit_callbacks):
    stale = plan_of(open_round)
    # A reviewer approves another assessment after the admin looked at the preview.
    submitted = mixed[AssessmentState.IN_REVIEW]
    assessment_approve(assessment=submitted, user=ReviewerFactory())
    url = reverse("dashboard-publish", args=[open_round.pk])
    with django_capture_on_commit_callbacks(execute=True):
        for plan in [stale, "", "forged"]:
            response = client_for("admin").post(url, {"confirm": "on", "plan": plan})
            assert response.status_code == 400
            assert "Things changed since you checked" in response.content.decode()
    open_round.refresh_from_db()
    assert open_round.published_at is None
    assert not [m for m in mail.outbox if "now public" in m.subject]


def test_publishing_emails_the_editors_of_the_authorities_concerned(client_for, open_round, mixed, django_capture_on_commit_callbacks):
    approved = mixed[AssessmentState.APPROVED].authority
    editor = UserFactory(editor_of=approved)
    viewer = UserFactory(viewer_of=approved)
    not_approved_editor = UserFactory(editor_of=mixed[AssessmentState.SUBMITTED].authority)
    admin = AdminFactory()
    before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("admin").post(reverse("dashboard-publish", args=[open_round.pk]),
                                            {"confirm": "on", "plan": plan_of(open_round)})
    assert response.status_code == 302
    sent = [m for m in mail.outbox[before:] if "now public" in m.subject]
    assert [m.to for m in sent] == [[editor.email]]
    assert approved.name in sent[0].body and reverse("public-round", args=[open_round.pk]) in sent[0].body
    assert viewer.email not in str([m.to for m in sent]) and not_approved_editor.email not in str([m.to for m in sent])
    record = open_round.history.first()
    assert record.history_change_reason.startswith("Published: 1 approved") and record.history_user is not None
    assert admin  # another admin is not emailed either


def test_unpublishing_needs_confirmation_and_is_recorded(client_for, open_round, mixed, people):
    round_publish(round=open_round, user=people["admin"], confirmed_plan=plan_of(open_round))
    url = reverse("dashboard-unpublish", args=[open_round.pk])
    assert client_for("admin").get(url).status_code == 200
    assert client_for("admin").post(url, {"plan": plan_of(open_round)}).status_code == 400
    assert client_for("admin").post(url, {"confirm": "on", "plan": "forged"}).status_code == 400
    open_round.refresh_from_db()
    assert open_round.published_at is not None

    assert client_for("admin").post(url, {"confirm": "on", "plan": plan_of(open_round)}).status_code == 302
    open_round.refresh_from_db()
    assert open_round.published_at is None
    record = open_round.history.first()
    assert record.history_change_reason.startswith("Unpublished") and record.history_user == people["admin"]


def test_the_confirmation_page_query_count_does_not_grow_with_assessments(client_for, open_round, django_assert_max_num_queries):
    populate(open_round, 3, state=AssessmentState.APPROVED, level=2)
    client = client_for("admin")
    client.get(reverse("dashboard-publish", args=[open_round.pk]))  # stores the scores once
    with django_assert_max_num_queries(14):
        client.get(reverse("dashboard-publish", args=[open_round.pk]))
    populate(open_round, 30, state=AssessmentState.APPROVED, level=2)
    client.get(reverse("dashboard-publish", args=[open_round.pk]))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("dashboard-publish", args=[open_round.pk]))
    assert "33" in response.content.decode()
