"""Round comparison compares like with like: only authorities in both rounds, exact differences."""
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments import scoring
from assessments.models import AssessmentState
from assessments.selectors.dashboards import Scope
from assessments.selectors.dashboards_compare import compare_rounds
from tests.builders import answer_by_code, populate, set_state
from tests.factories import AssessmentFactory, RoundFactory

pytestmark = pytest.mark.django_db
D = Decimal


def test_headline_uses_only_authorities_in_both_rounds(client_for, open_round):
    before = RoundFactory(closed=True, framework=open_round.framework, name="Earlier")
    matched = populate(before, 6, state=AssessmentState.APPROVED, level=1)  # index 25 each
    populate(before, 10, state=AssessmentState.APPROVED, level=4)  # only in the earlier round: 100 each
    populate(open_round, 6, state=AssessmentState.APPROVED, level=2, authorities=[a.authority for a in matched])
    populate(open_round, 2, state=AssessmentState.APPROVED, level=0)  # only in the later round

    comparison = compare_rounds(before=before, after=open_round, scope=Scope.SUBMITTED)
    assert comparison.matched_count == 6
    assert (len(comparison.matching.only_before), len(comparison.matching.only_after)) == (10, 2)
    # Matched: 25 -> 50, +25. Every assessment of each round would say 100 -> 50, -50.
    assert scoring.shown(comparison.index_median.delta) == D("25.00")
    assert scoring.median(r.result.exact_index for r in [*comparison.matching.only_before]) == D("100.00")
    page = client_for("reviewer").get(
        reverse("dashboard-compare") + f"?before={before.pk}&after={open_round.pk}"
    ).content.decode()
    assert "+25.00" in page and "−50.00" not in page
    assert "Only in Earlier: 10" in page and f"Only in {open_round.name}: 2" in page
    assert "Median of 6 matched authorities in both rounds, by step" in page


def test_step_changes_are_exact_differences_rounded_once(client_for, open_round):
    before = RoundFactory(closed=True, framework=open_round.framework, name="Earlier")
    levels = {  # step 1 drops two levels in all: 75 -> 58.33 and 83.33 -> 66.67
        "a": ({"1.1": 3, "1.2": 3, "1.3": 3}, {"1.1": 3, "1.2": 2, "1.3": 2}),
        "b": ({"1.1": 4, "1.2": 3, "1.3": 3}, {"1.1": 4, "1.2": 2, "1.3": 2}),
    }
    for earlier, later in levels.values():
        old = set_state(AssessmentFactory(round=before), AssessmentState.APPROVED)
        answer_by_code(old, earlier)
        new = set_state(AssessmentFactory(round=open_round, authority=old.authority), AssessmentState.APPROVED)
        answer_by_code(new, later)
    comparison = compare_rounds(before=before, after=open_round, scope=Scope.SUBMITTED)
    deltas = [scoring.shown(change.steps[0].delta) for change in comparison.authorities]
    # From the shown scores: 58.33 - 75.00 = -16.67 but 66.67 - 83.33 = -16.66.
    assert deltas == [D("-16.67"), D("-16.67")]
    page = client_for("reviewer").get(
        reverse("dashboard-compare") + f"?before={before.pk}&after={open_round.pk}"
    ).content.decode()
    assert page.count("−16.67") >= 2 and "−16.66" not in page


def test_a_kept_comparison_follows_a_moderation_and_a_state_change(open_round, people):
    """The comparison's figures are memoised in-process with both rounds' rows: a moderation
    (a new scores token) and a state change (a fresh read) each show on the next read."""
    from assessments.models import Assessment
    from assessments.services.moderation import moderation_set

    before = RoundFactory(closed=True, framework=open_round.framework, name="Earlier")
    matched = populate(before, 3, state=AssessmentState.SUBMITTED, level=1)
    later = populate(open_round, 3, state=AssessmentState.SUBMITTED, level=2, authorities=[a.authority for a in matched])
    first = compare_rounds(before=before, after=open_round, scope=Scope.SUBMITTED)
    assert compare_rounds(before=before, after=open_round, scope=Scope.SUBMITTED).authorities is first.authorities
    assert first.matched_count == 3

    criterion = open_round.framework.steps.get(number=1).criteria.get(code="1.1")
    moderation_set(assessment=later[0], criterion=criterion, user=people["reviewer"], reason="No plan yet.", score=0)
    moderated = compare_rounds(before=before, after=open_round, scope=Scope.SUBMITTED)
    change = next(c for c in moderated.authorities if c.authority_id == later[0].authority_id)
    assert change.steps[0].after < D("50") and change.steps[0].delta < first.authorities[0].steps[0].delta

    Assessment.objects.filter(pk=later[1].pk).update(state=AssessmentState.DRAFT, submitted_at=None)
    drafted = compare_rounds(before=before, after=open_round, scope=Scope.SUBMITTED)
    assert drafted.matched_count == 2
    # The kept figures too, not only the matching read afresh: the drafted authority has no change row.
    assert sorted(c.authority_id for c in drafted.authorities) == sorted(a.authority_id for a in (later[0], later[2]))
