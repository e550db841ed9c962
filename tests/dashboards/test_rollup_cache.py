"""What a process keeps of a round's roll-up never shows a number the database no longer holds
(assessments/selectors/rollup_cache.py).

A moderation changed through the service shows on the very next read of the overview: in
the same process, and in another app process; and only what changed is read again.
"""
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import AssessmentScore, AssessmentState, RoundScoresVersion
from assessments.selectors import rollup_cache
from assessments.selectors.dashboards import round_rollup
from assessments.services.moderation import moderation_set
from tests.builders import populate
from tests.factories import AdminFactory, RoundFactory

D = Decimal
READER = Path(__file__).with_name("overview_reader.py")


def _step_1_scores(client, round_) -> list[Decimal]:
    page = client.get(reverse("dashboard-round", args=[round_.pk]))
    assert page.status_code == 200
    return [row.step_score(1) for row in page.context["page"].object_list]


def _moderate_1_1_to_zero(assessment, reviewer):
    criterion = assessment.round.framework.steps.get(number=1).criteria.get(code="1.1")
    moderation_set(assessment=assessment, criterion=criterion, user=reviewer, reason="No plan yet.", score=0)


@pytest.mark.django_db
def test_a_moderation_shows_on_the_next_read_of_the_overview(client_for, open_round, people):
    made = populate(open_round, 6, level=2)
    client = client_for("reviewer")
    assert _step_1_scores(client, open_round) == [D("50.00")] * 6
    # The second read reuses what this process kept: a row changed behind the services' back,
    # keeping its stamp, does not show...
    AssessmentScore.objects.filter(assessment=made[0]).update(step_1=D("99"))
    assert _step_1_scores(client, open_round) == [D("50.00")] * 6
    # ...but a change through a service gives the row a new stamp and the round a new
    # scores version, read at once.
    before = RoundScoresVersion.objects.get(round=open_round).token
    _moderate_1_1_to_zero(made[0], people["reviewer"])
    assert RoundScoresVersion.objects.get(round=open_round).token != before
    scores = _step_1_scores(client, open_round)
    assert sorted(scores) == [D("33.33")] + [D("50.00")] * 5


def _results_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if "readiness_index" in q["sql"]]


@pytest.mark.django_db
def test_after_a_score_change_only_the_changed_assessment_is_read_again(open_round, people):
    made = populate(open_round, 4, level=2)
    round_rollup(round_=open_round)
    _moderate_1_1_to_zero(made[1], people["reviewer"])
    with CaptureQueriesContext(connection) as queries:
        read = round_rollup(round_=open_round)
    (results,) = _results_queries(queries.captured_queries)  # one read of stored results...
    assert re.search(r"\bIN \(([^)]*)\)", results).group(1) == str(made[1].pk)  # ...of the changed row only
    scores = {row.assessment_id: row.step_score(1) for row in read.rows}
    assert scores == {a.pk: D("33.33") if a == made[1] else D("50.00") for a in made}
    with CaptureQueriesContext(connection) as queries:
        round_rollup(round_=open_round)
    assert _results_queries(queries.captured_queries) == []  # nothing changed: nothing read


@pytest.mark.django_db
def test_a_process_that_kept_nothing_reads_the_round_in_a_constant_number_of_queries(
    open_round, django_assert_num_queries
):
    populate(open_round, 3, level=3)
    first = round_rollup(round_=open_round)
    rollup_cache.local_clear()  # as another process would start
    with django_assert_num_queries(6):  # version, steps, tiers, assessments with their stamps, the results, regions
        again = round_rollup(round_=open_round)
    assert [row.result for row in again.rows] == [row.result for row in first.rows]


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["version", "refreshed_at"])
def test_either_half_of_the_stamp_changing_reads_the_row_again(open_round, change):
    """A write by a release from before the version column changes only ``refreshed_at``
    (and the round's token, as every writer does); this release changes both. Either must
    make the new number show."""
    import uuid

    from django.utils import timezone

    from assessments.services.scores import round_scores_version_bump

    made = populate(open_round, 2, level=2)
    assert {row.step_score(1) for row in round_rollup(round_=open_round).rows} == {D("50.00")}
    stamp = {"version": uuid.uuid4()} if change == "version" else {"refreshed_at": timezone.now()}
    AssessmentScore.objects.filter(assessment=made[0]).update(step_1=D("75"), **stamp)
    round_scores_version_bump(round_id=open_round.pk)
    scores = {row.assessment_id: row.step_score(1) for row in round_rollup(round_=open_round).rows}
    assert scores == {made[0].pk: D("75.00"), made[1].pk: D("50.00")}


@pytest.mark.django_db
def test_the_step_view_levels_follow_a_moderation_read_in_this_process(client_for, open_round, people):
    made = populate(open_round, 3, level=2)
    client = client_for("reviewer")
    url = reverse("dashboard-step", args=[open_round.pk, 1])

    def at_level(page, level) -> list[str]:
        first = page.context["levels"][0]  # criterion 1.1
        return first.authorities[level]

    page = client.get(url)
    assert len(at_level(page, 2)) == 3 and at_level(page, 0) == []
    _moderate_1_1_to_zero(made[0], people["reviewer"])
    page = client.get(url)
    assert at_level(page, 0) == [made[0].authority.short_name] and len(at_level(page, 2)) == 2


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


def _read_in_another_process(round_, admin) -> list[str]:
    env = {"DATABASE_URL": _database_url(), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, str(READER), str(round_.pk), str(admin.pk)],
        capture_output=True, text=True, timeout=120, env=env, cwd=READER.parents[2],
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.django_db(transaction=True)  # committed, so that the other processes see it
def test_a_write_through_one_process_is_seen_on_the_next_read_through_another(client_for, people):
    round_ = RoundFactory(name="Two processes")
    made = populate(round_, 5, state=AssessmentState.SUBMITTED, level=2)
    admin = AdminFactory()

    assert _step_1_scores(client_for("admin"), round_) == [D("50.00")] * 5  # this process keeps the round
    assert _read_in_another_process(round_, admin) == ["50.00"] * 5

    _moderate_1_1_to_zero(made[2], people["reviewer"])  # written through this process
    other = _read_in_another_process(round_, admin)  # the next read, anywhere, has the new number
    assert sorted(other) == ["33.33"] + ["50.00"] * 4
    assert _step_1_scores(client_for("admin"), round_) == [D(s) for s in other]  # and here too


@pytest.mark.django_db
def test_rows_built_in_this_process_follow_every_fresh_read_that_the_token_does_not_cover(open_round):
    """The rows and the overview are memoised in-process (``rollup_cache.derived``) while the
    scores token is unchanged; names, states, tiers, regions and deadlines change without a
    new token, and each must show on the next read."""
    from datetime import date, timedelta

    from assessments.models import Assessment, Authority, LocalAuthority, StrategicTier, TierPeriod
    from assessments.selectors.dashboards_overview import OverviewFilters, overview

    made = populate(open_round, 3, level=3)
    first = round_rollup(round_=open_round)
    again = round_rollup(round_=open_round)
    assert again.rows is first.rows  # nothing changed: built once, reused
    assert overview(rollup=again, filters=OverviewFilters()).rows is overview(rollup=first, filters=OverviewFilters()).rows

    def row_of(rollup):
        return next(row for row in rollup.rows if row.assessment_id == made[0].pk)

    Authority.objects.filter(pk=made[0].authority_id).update(name="Renamed Combined Authority")
    assert row_of(round_rollup(round_=open_round)).name == "Renamed Combined Authority"

    Assessment.objects.filter(pk=made[0].pk).update(state=AssessmentState.APPROVED)
    read = round_rollup(round_=open_round)
    assert row_of(read).state == AssessmentState.APPROVED
    assert overview(rollup=read, filters=OverviewFilters()).counts["approved"] == 1

    TierPeriod.objects.create(
        authority_id=made[0].authority_id, tier=StrategicTier.MAYORAL, starts_on=date(2020, 1, 1), since="2020"
    )
    assert row_of(round_rollup(round_=open_round)).tier == StrategicTier.MAYORAL

    LocalAuthority.objects.filter(memberships__authority_id=made[0].authority_id).update(region="London")
    assert row_of(round_rollup(round_=open_round)).regions == ("London",)

    Assessment.objects.filter(pk=made[0].pk).update(
        state=AssessmentState.DRAFT, submitted_at=None, deadline_override=open_round.closes_on + timedelta(days=7)
    )
    read = round_rollup(round_=open_round)
    assert row_of(read).deadline == open_round.closes_on + timedelta(days=7)
    assert not row_of(read).rated  # a draft's result is progress only, token or no token
    assert made[0].authority.name not in [r.name for r in overview(rollup=read, filters=OverviewFilters()).rows if r.rated]


@pytest.mark.django_db
def test_a_new_token_drops_what_this_process_kept_under_the_old_one(open_round, people):
    """Memory stays bounded by the current state, not by how often scores change: once a
    newer token is read, nothing kept under the round's older token survives in-process."""
    from assessments.selectors.dashboards_overview import OverviewFilters, overview

    made = populate(open_round, 3, level=2)
    overview(rollup=round_rollup(round_=open_round), filters=OverviewFilters())
    old = rollup_cache.scores_version(round_id=open_round.pk)

    def kept_under(token) -> int:
        return sum(1 for entry in rollup_cache._derived.values() if (open_round.pk, token) in entry[-1])

    assert kept_under(old) >= 2  # the rows and the overview
    _moderate_1_1_to_zero(made[0], people["reviewer"])
    overview(rollup=round_rollup(round_=open_round), filters=OverviewFilters())
    assert kept_under(old) == 0
    assert kept_under(rollup_cache.scores_version(round_id=open_round.pk)) >= 2
