"""Exports: one row per authority x criterion, step scores, and no spreadsheet formulas from user text."""
import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments.exports.cells import neutralise
from assessments.models import Answer, AssessmentState, Criterion
from tests.factories import AssessmentFactory

from .conftest import moderate, populate, set_state

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


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_criteria_csv_has_a_row_per_authority_and_criterion(client_for, open_round, exported):
    response = client_for("reviewer").get(reverse("dashboard-export-csv", args=[open_round.pk]))
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    header, *rows = _csv(response)
    criteria = Criterion.objects.filter(step__framework=open_round.framework).count()
    assert len(rows) == len(exported) * criteria == 5 * 24
    justification = header.index("Justification")
    assert [r[justification] for r in rows if r[justification].startswith("'=")] == ["'" + DANGEROUS[0]]
    assert not any(cell.startswith("=") for row in rows for cell in row)
    moderated = [r for r in rows if r[header.index("Moderated level")] == "4"]
    assert len(moderated) == 1 and moderated[0][header.index("Effective level")] == "4"
    assert moderated[0][header.index("Self-assessed level")] == "2"


def test_step_scores_csv(client_for, open_round, exported):
    header, *rows = _csv(client_for("reviewer").get(reverse("dashboard-export-steps-csv", args=[open_round.pk])))
    assert len(rows) == 5
    assert header[-2:] == ["Readiness index", "Rating"]
    assert sorted(r[-2] for r in rows).count("50.00") == 3  # levels 2 everywhere; one moderated up, one empty


def test_xlsx_has_both_sheets_and_no_formulas(client_for, open_round, exported):
    response = client_for("admin").get(reverse("dashboard-export-xlsx", args=[open_round.pk]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Criteria", "Step scores", "Official statistics"]
    criteria_rows = list(workbook["Criteria"].iter_rows(values_only=True))
    assert len(criteria_rows) == 1 + 5 * 24
    cells = [cell for row in criteria_rows for cell in row if isinstance(cell, str)]
    assert "'" + DANGEROUS[0] in cells
    assert not any(cell.startswith("=") for cell in cells)
    assert all(cell.data_type != "f" for row in workbook["Criteria"].iter_rows() for cell in row)
    assert workbook["Step scores"].max_row == 1 + 5
