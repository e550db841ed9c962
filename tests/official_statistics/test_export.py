"""The round's XLSX export carries each authority's latest official statistics on a sheet of their own."""
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import AdminFactory, AssessmentFactory, AuthorityFactory, RoundFactory, framework_with_criteria

from .test_pages import indicator, observe


@pytest.mark.django_db
def test_xlsx_has_an_official_statistics_sheet_with_source_and_licence(client):
    gva = indicator()
    round_ = RoundFactory(framework=framework_with_criteria())
    inside, outside = AuthorityFactory(short_name="Inshire"), AuthorityFactory(short_name="Outshire")
    AssessmentFactory(round=round_, authority=inside)
    observe(gva, inside.code, 39.5)
    observe(gva, inside.code, 38.0, year=2022, latest=False)
    observe(gva, outside.code, 41.0)
    observe(gva, "E92000001", 40.0, area_type="england")
    client.force_login(AdminFactory())
    response = client.get(reverse("dashboard-export-xlsx", args=[round_.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["Official statistics"]
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1
    row = dict(zip(header, rows[0]))
    assert (row["Authority"], row["Indicator"], row["Period"], row["Value"], row["England (same period)"]) == (
        "Inshire", gva.label, "2023", 39.5, 40.0)
    assert row["Source"] == "Office for National Statistics" and row["Release date"].date().isoformat() == "2025-06-19"
    assert "Open Government Licence v3.0" in row["Licence"]
