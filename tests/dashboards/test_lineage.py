"""A 2020-landscape round and a current round compared through lineage, the profile's line,
and the tier of a round's landscape date (real reference data)."""
import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from assessments import scoring
from assessments.models import AssessmentState, Authority, Landscape, StrategicTier
from assessments.selectors.dashboards import Scope
from assessments.selectors.dashboards_compare import compare_rounds
from assessments.selectors.dashboards_profile import authority_profile
from assessments.services.authorities_load import authorities_load
from tests.builders import populate
from tests.factories import ReviewerFactory, RoundFactory

pytestmark = pytest.mark.django_db
FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "authorities"


@pytest.fixture
def rounds():
    authorities_load(directory=FIXTURES)
    by_code = {a.code: a for a in Authority.objects.exclude(code=None)}
    baseline = RoundFactory(
        closed=True, name="Baseline 2020", landscape=Landscape.NOV_2020,
        opens_on=datetime.date(2020, 12, 1), closes_on=datetime.date(2021, 3, 31),
    )
    current = RoundFactory(
        framework=baseline.framework, name="2026-27", opens_on=datetime.date(2026, 6, 1), closes_on=datetime.date(2026, 12, 31),
    )
    # 2020: the two North East bodies (25 and 75) and Sheffield City Region (50); 2026: their successors.
    populate(baseline, 1, state=AssessmentState.APPROVED, level=1, authorities=[by_code["E47000010"]])
    populate(baseline, 1, state=AssessmentState.APPROVED, level=3, authorities=[by_code["E47000011"]])
    populate(baseline, 1, state=AssessmentState.APPROVED, level=2, authorities=[by_code["E47000002"]])
    populate(baseline, 1, state=AssessmentState.APPROVED, level=4, authorities=[by_code["E47000001"]])  # only 2020
    populate(current, 1, state=AssessmentState.APPROVED, level=0, authorities=[by_code["E47000014"]])
    populate(current, 1, state=AssessmentState.APPROVED, level=4, authorities=[by_code["E47000002"]])
    # Four bodies in both rounds as themselves (enough for medians to be shown): 50 -> 100, 100, 50, 50.
    same = [by_code[code] for code in ("E47000006", "E47000007", "E47000004", "E47000009")]
    populate(baseline, 4, state=AssessmentState.APPROVED, level=2, authorities=same)
    populate(current, 2, state=AssessmentState.APPROVED, level=4, authorities=same[:2])
    populate(current, 2, state=AssessmentState.APPROVED, level=2, authorities=same[2:])
    return baseline, current, by_code


def test_north_east_matches_its_two_predecessors_and_a_renamed_body_itself(rounds):
    baseline, current, by_code = rounds
    comparison = compare_rounds(before=baseline, after=current, scope=Scope.SUBMITTED)

    pairs = {(old.short_name, new.short_name) for old, new in comparison.matching.pairs if old.short_name != "Tees Valley"}
    assert pairs >= {
        ("North East (2014-2024)", "North East"), ("North of Tyne", "North East"), ("South Yorkshire", "South Yorkshire"),
    }
    assert len(comparison.matching.pairs) == 7
    assert {(o.short_name, n.short_name) for o, n in comparison.matching.through_lineage} == {
        ("North East (2014-2024)", "North East"), ("North of Tyne", "North East"),
    }
    assert [row.short_name for row in comparison.matching.only_before] == ["Greater Manchester"]
    assert comparison.matching.only_after == []
    # Six authorities today; the medians count each round's rows once. Later: 0, 50, 50, 100, 100, 100 -> 75
    # (counting North East once per predecessor would give 50). Earlier: 25, 75 and five 50s -> 50.
    assert comparison.matched_count == 6
    assert scoring.shown(comparison.index_median.before) == Decimal("50.00")
    assert scoring.shown(comparison.index_median.after) == Decimal("75.00")
    changes = {(c.short_name, c.via): scoring.shown(c.index.delta) for c in comparison.authorities}
    assert changes[("North East", "North East (2014-2024)")] == Decimal("-25.00")
    assert changes[("North East", "North of Tyne")] == Decimal("-75.00")
    assert changes[("South Yorkshire", "")] == Decimal("50.00")


def test_the_comparison_page_says_what_was_matched_through_lineage(rounds, client):
    baseline, current, _ = rounds
    client.force_login(ReviewerFactory())
    page = client.get(reverse("dashboard-compare") + f"?before={baseline.pk}&after={current.pk}").content.decode()
    assert "Matched through lineage" in page
    assert "North East with North of Tyne" in page and "North East with North East (2014-2024)" in page


def test_profile_shows_the_line_and_follows_it_across_rounds(rounds, client):
    baseline, current, by_code = rounds
    north_east = by_code["E47000014"]
    profile = authority_profile(authority=north_east, round_id=None)
    assert [line.text for line in profile.lineage] == [
        "Formed 7 May 2024 from North East Combined Authority (2014-2024) and North of Tyne Combined Authority (merger)"
    ]
    assert [(p.assessment.round.name, p.via) for p in profile.trend] == [
        ("Baseline 2020", "North East Combined Authority (2014-2024)"),
        ("Baseline 2020", "North of Tyne Combined Authority"),
        ("2026-27", ""),
    ]
    client.force_login(ReviewerFactory())
    page = client.get(reverse("dashboard-authority", args=[north_east.pk])).content.decode()
    assert "Formed 7 May 2024 from North East Combined Authority (2014-2024) and North of Tyne" in page
    assert "As North of Tyne Combined Authority, a body North East came from" in page
    # The predecessor's page says what it became; a renamed body says it was renamed.
    neca = authority_profile(authority=by_code["E47000011"], round_id=None)
    assert neca.successors[0].text.startswith("Became part of North East Mayoral Combined Authority on 7 May 2024")
    south_yorkshire = authority_profile(authority=by_code["E47000002"], round_id=None)
    assert south_yorkshire.lineage[0].text == "Renamed 1 September 2021 from Sheffield City Region Combined Authority"


def test_a_round_shows_the_tier_of_its_landscape_date(rounds, client):
    baseline, current, by_code = rounds
    north_east = by_code["E47000014"]
    earlier = RoundFactory(
        closed=True, framework=baseline.framework, name="2025-26",
        opens_on=datetime.date(2025, 6, 1), closes_on=datetime.date(2025, 9, 30),
    )
    populate(earlier, 1, state=AssessmentState.APPROVED, level=2, authorities=[north_east])
    # Today North East is established mayoral; in the 2025 round it was mayoral; in 2020 it had no tier.
    assert authority_profile(authority=north_east, round_id=current.pk).tier == StrategicTier.ESTABLISHED_MAYORAL
    assert authority_profile(authority=north_east, round_id=earlier.pk).tier == StrategicTier.MAYORAL
    client.force_login(ReviewerFactory())
    page = client.get(reverse("dashboard-authority", args=[north_east.pk]) + f"?round={earlier.pk}").content.decode()
    assert "tier on the round's landscape date: <strong>Mayoral strategic authority</strong>" in page
    gm = authority_profile(authority=by_code["E47000001"], round_id=baseline.pk)
    assert gm.tier is None
