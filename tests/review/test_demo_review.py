"""seed_demo's review side: approved baseline, a returned and an approved current submission."""
from io import StringIO

import pytest
from django.core.management import call_command

from assessments.models import (
    AssessmentEvent,
    AssessmentState,
    Moderation,
    ReviewComment,
)
from assessments.services.demo import BASELINE_ROUND, CURRENT_ROUND
from assessments.transitions import TRANSITIONS

pytestmark = pytest.mark.django_db


def test_demo_has_reviews_whose_events_follow_the_table(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    baseline_moderations = Moderation.objects.filter(assessment__round__name=BASELINE_ROUND)
    assert baseline_moderations.exists() and baseline_moderations.count() < 48 * 2 + 1
    # Created with their history, so the activity trail shows them.
    assert Moderation.history.filter(id__in=baseline_moderations.values("id")).count() == baseline_moderations.count()
    for event in AssessmentEvent.objects.all():
        assert (event.from_state, event.to_state) in TRANSITIONS
    returned = AssessmentEvent.objects.get(assessment__round__name=CURRENT_ROUND, to_state=AssessmentState.RETURNED)
    assert returned.message and ReviewComment.objects.filter(assessment=returned.assessment).exists()
    approved = AssessmentEvent.objects.get(assessment__round__name=CURRENT_ROUND, to_state=AssessmentState.APPROVED)
    assert Moderation.objects.filter(assessment=approved.assessment).count() == 2
    for assessment_id in AssessmentEvent.objects.values_list("assessment", flat=True).distinct()[:10]:
        times = list(AssessmentEvent.objects.filter(assessment=assessment_id).order_by("pk").values_list("created_at", flat=True))
        assert times == sorted(times)

    before = (AssessmentEvent.objects.count(), Moderation.objects.count(), ReviewComment.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (AssessmentEvent.objects.count(), Moderation.objects.count(), ReviewComment.objects.count()) == before
