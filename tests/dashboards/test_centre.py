"""What the centre owes each area (criteria measuring the centre, apart from the area's own
readiness), and the government's records beside the criteria it already knows."""
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from assessments.models import AssessmentScore, AssessmentState, Authority, Framework
from assessments.selectors.dashboards import round_rollup
from assessments.selectors.dashboards_centre import centre_owed
from assessments.services.authorities_load import authorities_load
from assessments.services.framework_import import framework_import, framework_parse
from tests.builders import moderate, populate
from tests.factories import ReviewerFactory, RoundFactory, UserFactory

pytestmark = pytest.mark.django_db
FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@pytest.fixture
def round_():
    authorities_load(directory=FIXTURES / "authorities")
    text = (FIXTURES / "framework" / "lipsit-2020-v1.yaml").read_text(encoding="utf-8")
    framework: Framework = framework_import(data=framework_parse(text=text))
    return RoundFactory(framework=framework, name="2026-27")


def test_the_centres_side_per_area_uses_effective_levels_of_the_marked_criteria(round_, client):
    gm, wm = Authority.objects.get(code="E47000001"), Authority.objects.get(code="E47000007")
    populate(round_, 1, state=AssessmentState.SUBMITTED, level=1, authorities=[gm])
    (west_midlands,) = populate(round_, 1, state=AssessmentState.SUBMITTED, level=3, authorities=[wm])
    moderate(west_midlands, "5.1", 0)  # the reviewer's level counts: 3, 3, 0, 3 -> 56.25
    owed = centre_owed(rollup=round_rollup(round_=round_))
    assert [c.code for c in owed.criteria] == ["2.3", "4.2", "5.1", "5.3"]
    assert [(r.row.short_name, r.score) for r in owed.rows] == [
        ("Greater Manchester", Decimal("25.00")), ("West Midlands", Decimal("56.25")),
    ]
    client.force_login(ReviewerFactory())
    page = client.get(reverse("dashboard-round", args=[round_.pk])).content.decode()
    assert "What the centre owes each area" in page and "56.25" in page
    profile = client.get(reverse("dashboard-authority", args=[wm.pk])).content.decode()
    assert "What the centre owes West Midlands in this round: <strong>56.25 of 100</strong>" in profile


def test_officials_and_reviewers_see_the_government_record_beside_the_criteria_it_knows(round_, client):
    gm = Authority.objects.get(code="E47000001")
    (assessment,) = populate(round_, 1, state=AssessmentState.SUBMITTED, level=2, authorities=[gm])
    client.force_login(ReviewerFactory())
    page = client.get(reverse("review-criterion", args=[assessment.pk, "4.2"])).content.decode()
    assert "Government records: Established mayoral strategic authority since 1 April 2025" in page
    assert "Government records: Integrated Settlement from 2025-26" in page
    assert "Government records" not in client.get(reverse("review-criterion", args=[assessment.pk, "4.1"])).content.decode()

    draft = populate(RoundFactory(framework=round_.framework), 1, state=AssessmentState.DRAFT, level=2, authorities=[gm])[0]
    client.force_login(UserFactory(editor_of=gm))
    step_1 = client.get(reverse("assessment-step", args=[draft.pk, 1])).content.decode()
    assert "Government records for 1.2" in step_1
    assert "Government records: Mayoral in law; first mayoral election 4 May 2017" in step_1
    assert "Government records" not in client.get(reverse("assessment-step", args=[draft.pk, 2])).content.decode()


def test_the_centres_side_is_never_older_than_the_latest_moderation(round_, client):
    """The round's centre scores are kept in the shared cache; a moderation gives the round a new
    scores version, so the next read shows the new figure, not the cached one."""
    wm = Authority.objects.get(code="E47000007")
    (west_midlands,) = populate(round_, 1, state=AssessmentState.SUBMITTED, level=3, authorities=[wm])
    client.force_login(ReviewerFactory())
    url = reverse("dashboard-round", args=[round_.pk])
    assert "75.00" in client.get(url).content.decode()  # 3, 3, 3, 3 of 4 -> 75.00, now cached
    moderate(west_midlands, "5.1", 0)
    page = client.get(url).content.decode()
    assert "56.25" in page
    assert centre_owed(rollup=round_rollup(round_=round_)).rows[0].score == Decimal("56.25")


def test_an_assessment_without_stored_results_has_its_centre_side_computed_and_not_stored(round_):
    """Made outside the services (before ``refresh_scores``): the figure is the same, and reading writes nothing."""
    wm = Authority.objects.get(code="E47000007")
    (west_midlands,) = populate(round_, 1, state=AssessmentState.SUBMITTED, level=3, authorities=[wm])
    moderate(west_midlands, "5.1", 0)
    AssessmentScore.objects.filter(assessment=west_midlands).delete()
    assert centre_owed(rollup=round_rollup(round_=round_)).rows[0].score == Decimal("56.25")
    assert not AssessmentScore.objects.filter(assessment=west_midlands).exists()
