"""Dashboards, review queue, exports and the API filter and group by the strategic-authority
tier each authority had on the round's landscape date (real reference data)."""
import csv
import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from api.services import token_create
from assessments.models import AssessmentState, Authority, StrategicTier
from assessments.selectors.dashboards import round_rollup
from assessments.selectors.dashboards_overview import OverviewFilters, overview
from assessments.selectors.devolution import tier_on
from assessments.services.authorities_load import authorities_load
from official_statistics.models import Indicator
from tests.api.schema_check import ApiClient
from tests.builders import populate
from tests.factories import ReviewerFactory, RoundFactory
from tests.official_statistics.helpers import copy_shipped

pytestmark = pytest.mark.django_db
FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "authorities"
ESTABLISHED = ["E47000001", "E47000007", "E47000002", "E47000003", "E47000004", "E47000014", "E61000001"]
MAYORAL = ["E47000006", "E47000008", "E47000009", "E47000012", "E47000013"]
FOUNDATION = ["E47000015", "E47000018"]


@pytest.fixture
def rounds():
    authorities_load(directory=FIXTURES)
    by_code = {a.code: a for a in Authority.objects.exclude(code=None)}
    current = RoundFactory(name="2026-27", opens_on=datetime.date(2026, 6, 1), closes_on=datetime.date(2026, 12, 31))
    populate(current, 7, state=AssessmentState.APPROVED, level=3, authorities=[by_code[c] for c in ESTABLISHED])
    populate(current, 5, state=AssessmentState.APPROVED, level=1, authorities=[by_code[c] for c in MAYORAL])
    populate(current, 2, state=AssessmentState.SUBMITTED, level=2, authorities=[by_code[c] for c in FOUNDATION])
    earlier = RoundFactory(
        closed=True, framework=current.framework, name="2025-26",
        opens_on=datetime.date(2025, 6, 1), closes_on=datetime.date(2025, 9, 30),
    )
    populate(earlier, 7, state=AssessmentState.APPROVED, level=2, authorities=[by_code[c] for c in ESTABLISHED])
    return current, earlier


def test_overview_medians_per_tier(rounds):
    current, _ = rounds
    data = overview(rollup=round_rollup(round_=current), filters=OverviewFilters())
    tiers = {group.tier: (group.index.count, group.index.median) for group in data.tiers}
    # 7 at 75 and 5 at 25: the national median (75) hides that the mayoral tier's is 25.
    assert tiers == {
        StrategicTier.ESTABLISHED_MAYORAL: (7, Decimal("75.00")),
        StrategicTier.MAYORAL: (5, Decimal("25.00")),
        StrategicTier.FOUNDATION: (2, None),  # too few to summarise
    }


def test_overview_filter_by_tier_and_its_label(rounds):
    current, _ = rounds
    client_ = _reviewer_client()
    page = client_.get(reverse("dashboard-round", args=[current.pk]), {"tier": "mayoral"}).content.decode()
    assert "Median of 5 mayoral strategic authorities" in page
    assert "Not the chosen strategic-authority tier: 9" in page
    assert 'id="tier-medians"' in page
    # An unknown tier is ignored, never an error.
    assert client_.get(reverse("dashboard-round", args=[current.pk]), {"tier": "imperial"}).status_code == 200


def test_a_past_round_uses_the_tiers_of_its_landscape_date(rounds):
    _, earlier = rounds
    rows = {row.code: row.tier for row in round_rollup(round_=earlier).rows}
    # In summer 2025 only Greater Manchester and West Midlands were established; the North East and
    # three others were mayoral; the GLA's tier is recorded only from April 2026.
    assert rows["E47000001"] == rows["E47000007"] == StrategicTier.ESTABLISHED_MAYORAL
    assert rows["E47000014"] == rows["E47000002"] == StrategicTier.MAYORAL
    assert rows["E61000001"] == "none"
    page = _reviewer_client().get(reverse("dashboard-round", args=[earlier.pk]), {"tier": "mayoral"}).content.decode()
    assert "Median of 4 mayoral strategic authorities" in page
    assert "Not the chosen strategic-authority tier: 3" in page


def test_review_queue_filters_by_tier(rounds):
    current, earlier = rounds
    client_ = _reviewer_client()
    page = client_.get(reverse("review-queue"), {"round": earlier.pk, "state": "", "tier": "mayoral"}).content.decode()
    assert "4 assessments match" in page
    assert "North East Mayoral Combined Authority" in page and "Greater Manchester Combined Authority" not in page
    page = client_.get(reverse("review-queue"), {"round": current.pk, "state": "", "tier": "foundation"}).content.decode()
    assert "2 assessments match" in page and "Foundation strategic authority" in page


def test_exports_carry_the_tier_and_follow_the_filter(rounds):
    current, _ = rounds
    response = _reviewer_client().get(reverse("dashboard-export-steps-csv", args=[current.pk]), {"tier": "established_mayoral"})
    text = b"".join(response.streaming_content).decode("utf-8-sig") if response.streaming else response.content.decode()
    lines = list(csv.reader(io.StringIO(text)))
    header_at = next(i for i, line in enumerate(lines) if line[:1] == ["Authority code"])
    header, body = lines[header_at], [line for line in lines[header_at + 1:] if line]
    column = header.index("Strategic-authority tier")
    assert {line[column] for line in body} == {"Established mayoral strategic authority"}
    assert len(body) == 7
    assert any("Strategic-authority tier on the round's landscape date" in " ".join(line) for line in lines[:header_at])


def api(user) -> ApiClient:
    """A client with a token of ``user``; every response is checked against the API schema."""
    return ApiClient(token_create(user=user, name="Tiers", lifetime_days=30).secret)


def test_api_rows_have_the_tier_and_filter_by_it(rounds):
    current, _ = rounds
    client_ = api(ReviewerFactory())
    rows = client_.get(f"/api/v1/rounds/{current.pk}/assessments/", {"tier": "foundation"}).json()["results"]
    assert [(row["authority"]["code"], row["tier"]) for row in rows] == [("E47000015", "foundation"), ("E47000018", "foundation")]
    summary = client_.get(f"/api/v1/rounds/{current.pk}/summary/", {"tier": "mayoral"}).json()
    assert summary["filters"]["tier"] == "mayoral" and summary["counts"]["counted"] == 5
    assert client_.get(f"/api/v1/rounds/{current.pk}/assessments/", {"tier": "imperial"}).status_code == 400
    gla = Authority.objects.get(code="E61000001")
    detail = api(ReviewerFactory()).get(f"/api/v1/authorities/{gla.pk}/").json()
    assert detail["tier_periods"][-1]["tier"] == "established_mayoral" and detail["integrated_settlement_from"] == "2026-27"


def _reviewer_client():
    from django.test import Client

    client_ = Client()
    client_.force_login(ReviewerFactory())
    return client_


def _every_page(client_: ApiClient, path: str, query: dict) -> list[dict]:
    body = client_.get(path, {**query, "page_size": 20}).json()
    results = body["results"]
    while body["next"]:
        body = client_.get(body["next"]).json()
        results += body["results"]
    return results


def test_api_authorities_filter_by_their_tier_today_not_a_rounds(rounds):
    today = timezone.localdate()
    client_ = api(ReviewerFactory())
    for tier in [*StrategicTier.values, "none"]:
        listed = [row["code"] for row in _every_page(client_, "/api/v1/authorities/", {"tier": tier})]
        expected = sorted(
            (a for a in Authority.objects.all() if (tier_on(authority=a, day=today) or "none") == tier),
            key=lambda a: (a.name, a.pk),
        )
        assert listed == [a.code for a in expected], tier
    # The North East was mayoral in the 2025 round and is established mayoral today: today's tier counts here.
    established = [row["code"] for row in _every_page(client_, "/api/v1/authorities/", {"tier": "established_mayoral"})]
    assert "E47000014" in established and len(established) == len(ESTABLISHED)
    both = _every_page(client_, "/api/v1/authorities/", {"tier": "mayoral", "kind": "mca"})
    assert both and all(row["kind"] == "mca" for row in both)
    assert client_.get("/api/v1/authorities/", {"tier": "imperial"}).status_code == 400


def test_api_indicator_values_filter_by_tier_today(rounds, tmp_path):
    call_command("load_statistics", str(copy_shipped(tmp_path, "gross-value-added")), verbosity=0)
    gva = Indicator.objects.get(name="Gross value added per hour worked")
    client_ = api(ReviewerFactory())
    path = f"/api/v1/indicators/{gva.pk}/values/"
    everyone = {row["authority"]["id"]: row for row in _every_page(client_, path, {})}
    today = timezone.localdate()
    for tier in ["established_mayoral", "mayoral", "foundation"]:
        rows = _every_page(client_, path, {"tier": tier})
        expected = {a.pk for a in Authority.objects.filter(abolished__isnull=True)
                    if tier_on(authority=a, day=today) == tier}
        assert {row["authority"]["id"] for row in rows} == expected, tier
        for row in rows:  # the same figures, only fewer rows
            assert row == everyone[row["authority"]["id"]]
    assert "E47000014" in {row["authority"]["code"] for row in _every_page(client_, path, {"tier": "established_mayoral"})}
    assert client_.get(path, {"tier": "imperial"}).status_code == 400


def _csv_table(response) -> tuple[list[str], list[list[str]]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig") if response.streaming else response.content.decode()
    lines = list(csv.reader(io.StringIO(text)))
    header_at = next(i for i, line in enumerate(lines) if line[:1] == ["Authority code"])
    return lines[header_at], [line for line in lines[header_at + 1:] if line]


def test_criteria_exports_carry_the_tier_of_the_rounds_landscape_date(rounds):
    current, earlier = rounds
    client_ = _reviewer_client()
    # The 2025 round: the North East was mayoral then (established mayoral today), the GLA had no tier yet.
    header, body = _csv_table(client_.get(reverse("dashboard-export-csv", args=[earlier.pk])))
    column = header.index("Strategic-authority tier")
    tiers = {line[0]: line[column] for line in body}
    assert tiers["E47000014"] == "Mayoral strategic authority"
    assert tiers["E47000001"] == "Established mayoral strategic authority"
    assert tiers["E61000001"] == "No strategic-authority tier"
    # The criteria rows say what the authority-level rows say, row for row.
    _, steps = _csv_table(client_.get(reverse("dashboard-export-steps-csv", args=[earlier.pk])))
    assert tiers == {line[0]: line[3] for line in steps}
    # Filtered by tier, the criteria rows are that tier's only; the workbook's sheet carries the same column.
    header, body = _csv_table(client_.get(reverse("dashboard-export-csv", args=[current.pk]), {"tier": "foundation"}))
    assert {line[header.index("Strategic-authority tier")] for line in body} == {"Foundation strategic authority"}
    assert len(body) == 2 * 24
    response = client_.get(reverse("dashboard-export-xlsx", args=[earlier.pk]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    sheet = workbook["Criteria"]
    header = [cell.value for cell in sheet[1]]
    assert {row[0]: row[header.index("Strategic-authority tier")] for row in sheet.iter_rows(min_row=2, values_only=True)} == tiers
