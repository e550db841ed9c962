"""Publishing: admins only, approved results only, and the public page shows nothing else, ever."""
import pytest
from django.urls import reverse

from assessments.models import AssessmentState
from assessments.services.errors import ActionRefused
from assessments.services.publishing import round_publish, round_unpublish
from tests.factories import AdminFactory, LeadReviewerFactory, RoundFactory

from .conftest import populate

pytestmark = pytest.mark.django_db


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
    round_publish(round=open_round, user=admin)
    open_round.refresh_from_db()
    assert open_round.published_by == admin and open_round.published_at is not None
    with pytest.raises(ActionRefused, match="already published"):
        round_publish(round=open_round, user=admin)
    round_unpublish(round=open_round, user=admin)
    open_round.refresh_from_db()
    assert open_round.published_at is None and open_round.published_by is None
    with pytest.raises(ActionRefused, match="not published"):
        round_unpublish(round=open_round, user=admin)


def test_only_admins_publish(open_round, mixed):
    with pytest.raises(ActionRefused, match="Only admins"):
        round_publish(round=open_round, user=LeadReviewerFactory())
    open_round.refresh_from_db()
    assert open_round.published_at is None


def test_round_without_approved_assessments_cannot_be_published(client_for, open_round):
    populate(open_round, 2, state=AssessmentState.SUBMITTED)
    with pytest.raises(ActionRefused, match="no approved assessments"):
        round_publish(round=open_round, user=AdminFactory())
    response = client_for("admin").post(reverse("dashboard-publish", args=[open_round.pk]), follow=True)
    assert "no approved assessments yet" in response.content.decode()
    open_round.refresh_from_db()
    assert open_round.published_at is None


def test_public_pages_show_only_approved_assessments_of_published_rounds(client, open_round, mixed):
    unpublished = RoundFactory()
    [hidden] = populate(unpublished, 1, state=AssessmentState.APPROVED, level=4)
    round_publish(round=open_round, user=AdminFactory())

    listing = client.get(reverse("public-rounds")).content.decode()
    assert open_round.name in listing and unpublished.name not in listing
    assert client.get(reverse("public-round", args=[unpublished.pk])).status_code == 404

    page = client.get(reverse("public-round", args=[open_round.pk])).content.decode()
    assert mixed[AssessmentState.APPROVED].authority.name in page
    for state in [AssessmentState.DRAFT, AssessmentState.SUBMITTED, AssessmentState.IN_REVIEW, AssessmentState.RETURNED]:
        assert mixed[state].authority.name not in page
    assert hidden.authority.name not in page
    assert "25.00" not in page  # the level-1 (unapproved) scores appear nowhere, not even in medians
    assert "How the scores work" in page
    assert "app-heat--green" in page and "100.00" in page


def test_unpublishing_takes_the_page_down(client, open_round, mixed):
    admin = AdminFactory()
    round_publish(round=open_round, user=admin)
    round_unpublish(round=open_round, user=admin)
    assert client.get(reverse("public-round", args=[open_round.pk])).status_code == 404
