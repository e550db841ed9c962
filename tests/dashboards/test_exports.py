"""Exports: one row per authority x criterion, step scores, and no spreadsheet formulas from user text."""
import csv
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from assessments.exports.cells import neutralise
from assessments.models import Answer, AssessmentScore, AssessmentState, AuthorityKind, Criterion
from assessments.services.scores import assessment_score_refresh
from tests.builders import moderate, populate, set_state
from tests.factories import AssessmentFactory, attach_evidence_link

pytestmark = pytest.mark.django_db

DANGEROUS = ["=HYPERLINK(\"https://evil.example\")", "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_neutralise_prefixes_formula_starts(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Agreed by the board", "", 3, None, "Plan = agreed"])
def test_neutralise_leaves_everything_else(value):
    assert neutralise(value) == value


@pytest.fixture
def exported(open_round):
    made = populate(open_round, 4, state=AssessmentState.SUBMITTED, level=2)
    draft = AssessmentFactory(round=open_round)  # nothing answered: still one row per criterion
    made.append(draft)
    Answer.objects.filter(assessment=made[0], criterion__code="1.1").update(justification=DANGEROUS[0])
    moderate(made[1], "2.1", 4)
    set_state(made[2], AssessmentState.APPROVED)
    return made


def _lines(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def _csv(response) -> tuple[dict[str, str], list[list[str]]]:
    """(metadata, table): the block before the first blank line, then the header and rows."""
    lines = _lines(response)
    blank = lines.index([])
    skip = int(re.search(r"the first (\d+) lines", lines[0][0]).group(1))
    assert skip == blank + 1  # the first line says where the table starts
    metadata = {line[0].removeprefix("# "): line[1] for line in lines[1:blank]}
    return metadata, lines[blank + 1:]


def test_criteria_csv_has_a_row_per_authority_and_criterion(client_for, open_round, exported):
    response = client_for("reviewer").get(reverse("dashboard-export-csv", args=[open_round.pk]) + "?scope=all")
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    _meta, (header, *rows) = _csv(response)
    criteria = Criterion.objects.filter(step__framework=open_round.framework).count()
    assert len(rows) == len(exported) * criteria == 5 * 24
    justification = header.index("Justification")
    assert [r[justification] for r in rows if r[justification].startswith("'=")] == ["'" + DANGEROUS[0]]
    assert not any(cell.startswith("=") for row in rows for cell in row)
    moderated = [r for r in rows if r[header.index("Moderated level")] == "4"]
    assert len(moderated) == 1 and moderated[0][header.index("Effective level")] == "4"
    assert moderated[0][header.index("Self-assessed level")] == "2"


def test_exports_follow_the_dashboard_scope_and_leave_drafts_out_by_default(client_for, open_round, exported):
    client = client_for("reviewer")
    _meta, (header, *rows) = _csv(client.get(reverse("dashboard-export-csv", args=[open_round.pk])))
    assert len(rows) == 4 * 24  # the default scope counts submitted assessments, not the draft
    meta, (header, *rows) = _csv(client.get(reverse("dashboard-export-steps-csv", args=[open_round.pk]) + "?scope=approved"))
    assert len(rows) == 1 and meta["Assessments counted"] == "Approved only: 1 of 5 assessments"


def test_exports_follow_kind_and_region_filters(client_for, open_round, exported):
    populate(open_round, 2, kind=AuthorityKind.LEP, region="London")
    client = client_for("reviewer")
    url = reverse("dashboard-export-steps-csv", args=[open_round.pk]) + "?kind=lep&region=London"
    meta, (header, *rows) = _csv(client.get(url))
    assert len(rows) == 2 and {r[header.index("Kind")] for r in rows} == {"Local enterprise partnership"}
    assert meta["Filters"] == "Kind of authority: Local enterprise partnership; region: London"


def test_drafts_are_exported_with_progress_but_never_rated(client_for, open_round, exported):
    meta, (header, *rows) = _csv(client_for("reviewer").get(
        reverse("dashboard-export-steps-csv", args=[open_round.pk]) + "?scope=all"))
    [draft] = [r for r in rows if r[header.index("State")] == "Draft"]
    assert draft[header.index("Readiness index")] == "" and draft[header.index("Rating")] == "Not rated (not submitted)"
    assert all(draft[i] == "" for i, name in enumerate(header) if name.startswith("Step "))


def test_csv_metadata_block_says_what_the_file_counts(client_for, open_round, exported, people):
    meta, _table = _csv(client_for("reviewer").get(reverse("dashboard-export-steps-csv", args=[open_round.pk])))
    assert meta["Round"] == open_round.name
    assert meta["Framework version"].endswith(f"version {open_round.framework.version}")
    assert meta["Assessments counted"].startswith("Submitted at least once")
    assert meta["Filters"].startswith("None")
    assert people["reviewer"].email in meta["Generated by"]
    assert {"Generated at", "Source", "Licence", "Scoring", "Late"} <= meta.keys()


def test_step_scores_csv(client_for, open_round, exported):
    _meta, (header, *rows) = _csv(client_for("reviewer").get(reverse("dashboard-export-steps-csv", args=[open_round.pk])))
    assert len(rows) == 4
    assert header[-2:] == ["Readiness index", "Rating"]
    assert sorted(r[-2] for r in rows).count("50.00") == 3  # levels 2 everywhere; one moderated up
    assert header[3] == "Strategic-authority tier" and header[7].startswith("Step 1: ")


def _workbook(client, url):
    response = client.get(url)
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_xlsx_is_a_usable_workbook_with_a_sheet_per_level(client_for, open_round, exported):
    answer = Answer.objects.get(assessment=exported[0], criterion__code="1.2")
    answer.evidence_links.all().delete()
    attach_evidence_link(answer, "https://example.gov.uk/board-minutes")
    Answer.objects.filter(pk=answer.pk).update(score=3, evidence_count=1)
    assessment_score_refresh(assessment=exported[0])  # as the answer service does
    workbook = _workbook(client_for("admin"), reverse("dashboard-export-xlsx", args=[open_round.pk]) + "?scope=all")
    assert workbook.sheetnames == ["About", "Authorities", "Steps", "Criteria", "Official statistics"]
    about = {row[0]: row[1] for row in workbook["About"].iter_rows(values_only=True)}
    assert about["Round"] == open_round.name and about["Filters"].startswith("None")
    assert about["Assessments counted"] == "All, including drafts: 5 of 5 assessments"
    for name, rows in (("Authorities", 5), ("Steps", 5 * 8), ("Criteria", 5 * 24)):
        sheet = workbook[name]
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{rows + 1}", name
        assert sheet.max_row == rows + 1, name
        assert sheet.column_dimensions["B"].width >= 30, name
    authorities = workbook["Authorities"]
    header = [c.value for c in authorities[1]]
    index_cells = [row[header.index("Readiness index")] for row in authorities.iter_rows(min_row=2)]
    scored = [c for c in index_cells if c.value is not None]
    assert len(scored) == 4 and all(isinstance(c.value, (int, float)) and c.number_format == "0.00" for c in scored)
    assert sorted(c.value for c in scored) == [50, 50, 51.04, 52.08]  # 1.2 raised to 3; 2.1 moderated to 4
    criteria = workbook["Criteria"]
    header = [c.value for c in criteria[1]]
    evidence = header.index("Evidence")
    links = [row[evidence] for row in criteria.iter_rows(min_row=2) if row[evidence].value]
    assert [c.hyperlink.target for c in links] == ["https://example.gov.uk/board-minutes"]


def test_xlsx_has_no_formulas(client_for, open_round, exported):
    workbook = _workbook(client_for("admin"), reverse("dashboard-export-xlsx", args=[open_round.pk]))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert "'" + DANGEROUS[0] in [c.value for c in cells]
    assert not any(isinstance(c.value, str) and c.value.startswith("=") for c in cells)
    assert all(c.data_type != "f" for c in cells)


def test_xlsx_numbers_have_no_float_artefacts(client_for, open_round):
    # 69.79 is stored exactly as 69.79, never 69.79000000000001.
    [made] = populate(open_round, 1, level=2)
    assessment_score_refresh(assessment=made)
    AssessmentScore.objects.filter(assessment=made).update(readiness_index=Decimal("69.791666666667"))
    workbook = _workbook(client_for("admin"), reverse("dashboard-export-xlsx", args=[open_round.pk]))
    sheet = workbook["Authorities"]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("Readiness index") + 1).value == 69.79


def test_public_results_csv_has_approved_results_of_a_published_round(client, open_round, exported, people):
    url = reverse("public-round-csv", args=[open_round.pk])
    assert client.get(url).status_code == 404  # not published
    open_round.published_at, open_round.published_by = timezone.now(), people["admin"]
    open_round.save()
    meta, (header, *rows) = _csv(client.get(url))
    assert len(rows) == 1 and rows[0][header.index("State")] == "Approved"
    assert meta["Licence"].startswith("Open Government Licence") and meta["Generated by"] == "Public download"
