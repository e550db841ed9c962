"""Admins import lineage links from a CSV file (upload, preview, confirm, refused whole with
row-level problems, idempotent, on the audit trail) and export them in the same format."""
import csv
import io
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import Authority, AuthorityLink, LinkKind
from assessments.selectors.devolution import lineage_lines
from assessments.selectors.manage_audit import authority_trail
from assessments.services.authorities_load import authorities_load
from assessments.services.manage_authorities_csv import FileKind, UploadRefused
from assessments.services.manage_authorities_import import authorities_import_apply, authorities_import_preview
from tests.factories import AdminFactory

pytestmark = pytest.mark.django_db
FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "authorities"
HEADER = "predecessor_code,successor_code,date,kind_of_change,source\n"
# Tees Valley Combined Authority (E47000006) from the West of England LEP (E37000037): a made-up link, not in the data.
TEES = "E37000037,E47000006,2024-04-01,merger,Test order\n"


@pytest.fixture
def admin():
    authorities_load(directory=FIXTURES)
    return AdminFactory()


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def upload(client, text: str):
    data = {"kind": FileKind.LINEAGE.value, "file": SimpleUploadedFile("lineage.csv", text.encode(), content_type="text/csv")}
    return client.post(reverse("manage-authorities-import"), data)


def links() -> list[tuple]:
    return list(AuthorityLink.objects.order_by("pk").values_list())


def test_preview_then_confirm_adds_the_link_with_the_audit_trail(admin_client):
    tees = Authority.objects.get(code="E47000006")
    before = links()
    response = upload(admin_client, HEADER + TEES)
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 to create, 0 to update, 0 unchanged" in page and "Tees Valley" in page
    assert links() == before  # the preview writes nothing

    response = admin_client.post(reverse("manage-authorities-import-confirm"), {"digest": response.context["digest"]})
    assert response.status_code == 302
    link = AuthorityLink.objects.get(successor=tees)
    assert (link.predecessor.code, link.on, link.kind, link.source) == ("E37000037", date(2024, 4, 1), LinkKind.MERGER, "Test order")
    assert link.predecessor_name == link.predecessor.name  # no name in the file: the body's own
    reasons = [entry.reason for entry in authority_trail(authority=tees)]
    assert "Lineage imported from a CSV file: from West of England LEP on 1 April 2024 (Merger)" in reasons, reasons
    # The profile's lineage shows it.
    assert "Formed 1 April 2024 from West of England LEP (merger)" == lineage_lines(authority=tees)[0][-1].text


@pytest.mark.parametrize(
    ("text", "row", "column", "message"),
    [
        (HEADER + TEES.replace("merger", "takeover"), 2, "kind_of_change", "'takeover' is not a kind of change"),
        (HEADER + TEES.replace("2024-04-01", "1 April 2024"), 2, "date", "is not a date"),
        (HEADER + TEES.replace("E37000037", "E3700003"), 2, "predecessor_code", "is not a GSS code"),
        (HEADER + TEES.replace("E37000037", "E37999999"), 2, "predecessor_code", "E37999999 is not an authority the service knows"),
        (HEADER + TEES.replace("merger", "rename"), 2, "kind_of_change", "keeps the same body"),
        (HEADER + "E47000006,E47000006,2024-04-01,merger,x\n", 2, "kind_of_change", "links two bodies"),
        (HEADER + TEES + TEES.replace("Test order", "Other"), 3, "date", "The link from E37000037 to E47000006 on 2024-04-01 is already on row 2"),
        (HEADER.replace("kind_of_change", "kind") + TEES, 1, "kind_of_change", "The column kind_of_change is missing"),
    ],
    ids=["unknown-kind", "bad-date", "bad-code", "unknown-authority", "rename-of-two-bodies", "merger-of-one-body",
         "duplicate", "wrong-header"],
)
def test_bad_rows_refuse_the_whole_file(admin_client, text, row, column, message):
    good = "E37000038,E47000006,2024-04-01,merger,Fine\n"  # a good row, refused with the bad one
    before = (links(), Authority.history.count())
    response = upload(admin_client, text + good)
    assert response.status_code == 400
    problems = response.context["refusal"].problems
    assert any(p.row == row and p.column == column and message in p.message for p in problems), problems
    assert "Nothing has been changed" in response.content.decode()
    assert (links(), Authority.history.count()) == before


def test_export_reimports_unchanged_and_an_edit_updates_only_that_link(admin, admin_client):
    response = admin_client.get(reverse("manage-lineage-export"))
    assert response["Content-Disposition"] == 'attachment; filename="lineage.csv"'
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())  # the CSV helper's byte order mark, for Excel
    text = content.decode("utf-8-sig")
    header, *rows = text.splitlines()
    assert header == "predecessor_code,predecessor_name,successor_code,successor_name,date,kind_of_change,source,notes"
    assert len(rows) == AuthorityLink.objects.count() > 5
    assert any(row.startswith("E47000011,North of Tyne Combined Authority,E47000014,") and ",2024-05-07,merger," in row
               for row in rows)

    plan = authorities_import_preview(content=content, kind=FileKind.LINEAGE)  # as downloaded, BOM and all
    assert not plan.changes and len(plan.unchanged) == len(rows)

    # Another source for one link, and a new link: one update, one creation, the rest unchanged.
    table = list(csv.reader(io.StringIO(text)))
    north_of_tyne = next(row for row in table if row[0] == "E47000011" and row[2] == "E47000014")
    north_of_tyne[6] = "SI 2024/402 only"
    table.append(["E37000037", "", "E47000006", "", "2024-04-01", "merger", "Test order", ""])
    out = io.StringIO()
    csv.writer(out).writerows(table)
    edited = out.getvalue()
    before = Authority.history.count()
    plan = authorities_import_apply(content=edited.encode(), kind=FileKind.LINEAGE, user=admin)
    assert (len(plan.created), len(plan.updated), len(plan.unchanged)) == (1, 1, len(rows) - 1)
    assert plan.updated[0].detail == "Changes source"
    assert AuthorityLink.objects.get(predecessor__code="E47000011", on=date(2024, 5, 7)).source == "SI 2024/402 only"
    assert Authority.history.count() == before + 2  # each change on its successor's audit trail
    north_east = Authority.objects.get(code="E47000014")
    assert "Lineage imported from a CSV file: from North of Tyne on 7 May 2024, changes source" in [
        entry.reason for entry in authority_trail(authority=north_east)]
    # Importing the same file again changes nothing.
    again = authorities_import_apply(content=edited.encode(), kind=FileKind.LINEAGE, user=admin)
    assert not again.changes and Authority.history.count() == before + 2


def test_a_renames_earlier_name_comes_from_the_file(admin):
    york = Authority.objects.get(code="E47000012")
    text = "predecessor_code,predecessor_name,successor_code,date,kind_of_change,source\n" \
           "E47000012,Old York Combined Authority,E47000012,2025-01-01,rename,Test\n"
    authorities_import_apply(content=text.encode(), kind=FileKind.LINEAGE, user=admin)
    link = AuthorityLink.objects.get(predecessor=york, successor=york, on=date(2025, 1, 1))
    assert link.predecessor_name == "Old York Combined Authority"
    assert any(line.text == "Renamed 1 January 2025 from Old York Combined Authority" for line in lineage_lines(authority=york)[0])


def test_the_service_refuses_directly_too(admin):
    with pytest.raises(UploadRefused):
        authorities_import_apply(content=(HEADER + TEES.replace("merger", "rename")).encode(), kind=FileKind.LINEAGE, user=admin)
    assert not AuthorityLink.objects.filter(successor__code="E47000006").exists()


def test_the_template_is_a_readable_lineage_file(admin_client):
    template = admin_client.get(reverse("manage-authorities-import-template", args=["lineage"])).content
    plan = authorities_import_preview(content=template, kind=FileKind.LINEAGE)
    assert len(plan.created) + len(plan.updated) + len(plan.unchanged) == 1


def test_a_reason_longer_than_its_column_is_cut_not_a_server_error(admin):
    from assessments.services.manage_devolution import record_authority_change

    tees = Authority.objects.get(code="E47000006")
    record_authority_change(tees, user=admin, reason="Lineage: from " + "Durham, Gateshead, Newcastle Upon Tyne " * 4)
    reason = tees.history.first().history_change_reason
    assert len(reason) == 100 and reason.endswith("…")
