"""Comparing rounds on two framework versions: steps by number, criteria by code, and
criteria that exist in one version only are shown as such."""
import pytest
from django.urls import reverse

from assessments.models import AssessmentState, Criterion
from assessments.selectors.dashboards import Scope
from assessments.selectors.dashboards_compare import compare_rounds
from tests.builders import set_state
from tests.factories import (
    AdminFactory,
    AssessmentFactory,
    AuthorityFactory,
    RoundFactory,
    answer_every_criterion,
    framework_with_criteria,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_versions():
    v1 = framework_with_criteria()
    v2 = framework_with_criteria()
    v2.version = v1.version + 1
    v2.name = v1.name
    v2.save()
    # Version 2 drops 1.3 and adds 1.4.
    dropped = Criterion.objects.get(step__framework=v2, code="1.3")
    dropped.code, dropped.title = "1.4", "Published delivery plan"
    dropped.save()
    authority = AuthorityFactory()
    before = RoundFactory(framework=v1, name="Round on v1", closed=True)
    after = RoundFactory(framework=v2, name="Round on v2")
    for round_, level in ((before, 1), (after, 3)):
        assessment = set_state(AssessmentFactory(round=round_, authority=authority), AssessmentState.APPROVED)
        answer_every_criterion(assessment, level)
    return before, after


def test_criteria_are_matched_by_code_and_one_version_only_is_marked(two_versions):
    before, after = two_versions
    comparison = compare_rounds(before=before, after=after, scope=Scope.APPROVED)
    by_code = {c.code: c for c in comparison.criteria}
    assert by_code["1.1"].in_before and by_code["1.1"].in_after
    assert by_code["1.1"].change.delta == 2
    assert by_code["1.3"].in_before and not by_code["1.3"].in_after
    assert by_code["1.4"].in_after and not by_code["1.4"].in_before
    assert by_code["1.4"].change.before is None
    assert comparison.step_numbers == list(range(1, 9))
    assert comparison.authorities[0].index.delta == 50  # level 1 -> 3 everywhere: 25 -> 75


def test_comparison_page_says_which_version_lacks_a_criterion(client, two_versions):
    before, after = two_versions
    client.force_login(AdminFactory())
    page = client.get(reverse("dashboard-compare") + f"?before={before.pk}&after={after.pk}").content.decode()
    assert f"Not in {after.framework}" in page
    assert f"Not in {before.framework}" in page
    assert "Published delivery plan" in page
