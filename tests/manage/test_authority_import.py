"""Authority CSV import: each kind of bad file is refused whole with its row, column and message."""
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import Authority, Constituent, Landscape
from assessments.services.authorities_load import authorities_load
from assessments.services.manage_authorities_csv import FileKind, UploadRefused
from assessments.services.manage_authorities_import import (
    authorities_import_apply,
    authorities_import_preview,
)
from tests.factories import AdminFactory, AuthorityFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "authorities"
HEADER = "code,name,short_name,kind,has_mayor,established,abolished,source\n"
GOOD = "E47900900,Newshire Combined Authority,Newshire,ca,false,2026-04-01,,Test source\n"


def upload(client, text: str | bytes, kind: FileKind = FileKind.AUTHORITIES, name: str = "authorities.csv"):
    content = text.encode("utf-8") if isinstance(text, str) else text
    data = {"kind": kind.value, "file": SimpleUploadedFile(name, content, content_type="text/csv")}
    return client.post(reverse("manage-authorities-import"), data)


def snapshot() -> tuple:
    return (
        list(Authority.objects.order_by("pk").values_list()),
        list(Constituent.objects.order_by("pk").values_list()),
        Authority.history.count(),
    )


@pytest.mark.parametrize(
    ("text", "row", "column", "message"),
    [
        (HEADER + GOOD.replace(",ca,", ",county,"), 2, "kind", "'county' is not a kind of authority"),
        (HEADER + GOOD.replace("E47900900", "E4790090"), 2, "code", "'E4790090' is not a GSS code"),
        (HEADER + GOOD.replace("E47900900", "X47900900"), 2, "code", "is not a GSS code"),
        (HEADER + GOOD + GOOD.replace("Newshire", "Oldshire"), 3, "code", "E47900900 is already on row 2"),
        (HEADER + GOOD.replace(",false,", ",maybe,"), 2, "has_mayor", "has_mayor must be true or false"),
        (HEADER + GOOD.replace("2026-04-01", "1 April 2026"), 2, "established", "is not a date"),
        (HEADER + GOOD.replace("Newshire Combined Authority", ""), 2, "name", "Enter the authority's name"),
        (HEADER.replace("kind,", "type,") + GOOD, 1, "kind", "The column kind is missing"),
        (HEADER.replace("kind,", "type,") + GOOD, 1, "type", "type is not a column of this file"),
        (HEADER + GOOD.rstrip("\n") + ",extra\n", 2, "", "more cells than the header"),
    ],
    ids=["unknown-kind", "short-code", "malformed-code", "duplicate-code", "bad-boolean", "bad-date", "blank-name",
         "wrong-header-missing", "wrong-header-extra", "extra-cell"],
)
def test_bad_authority_rows_are_refused_with_row_column_and_message(admin_client, text, row, column, message):
    before = snapshot()
    response = upload(admin_client, text)
    assert response.status_code == 400
    problems = response.context["refusal"].problems
    assert any(p.row == row and p.column == column and message in p.message for p in problems), problems
    page = response.content.decode()
    assert "Nothing has been changed" in page and 'id="problems"' in page
    assert snapshot() == before


def test_a_bad_row_refuses_the_good_rows_too(admin_client):
    upload(admin_client, HEADER + GOOD + GOOD.replace("E47900900", "E47900901").replace(",ca,", ",xx,").replace("Newshire", "Twoshire"))
    assert not Authority.objects.filter(short_name__in=["Newshire", "Twoshire"]).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ((HEADER + GOOD.replace("Newshire", "Nëwshire")).encode("latin-1"), "not encoded as UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV file"),
        (HEADER.encode() + b"x" * 1_000_001, "larger than 1 MB"),
        (b"", "empty"),
        (HEADER.encode(), "no data rows"),
    ],
    ids=["latin-1", "binary-with-csv-name", "too-large", "empty", "header-only"],
)
def test_whole_file_problems(admin_client, content, message):
    before = snapshot()
    response = upload(admin_client, content)
    assert response.status_code == 400
    page = response.content.decode()
    if content:
        assert message in page and "Whole file" in page
    else:
        assert "The selected file is empty" in page  # Django refuses an empty upload itself
    assert snapshot() == before


def test_unknown_council_and_authority_in_a_memberships_file(admin_client, authority):
    text = (
        "authority_code,local_authority_code,local_authority_name,source\n"
        f"{authority.code},E08999999,Nowhere,test\n"
        "E47999999,E08000003,Manchester,test\n"
    )
    before = snapshot()
    response = upload(admin_client, text, FileKind.MEMBERSHIPS, "memberships.csv")
    problems = {(p.row, p.column): p.message for p in response.context["refusal"].problems}
    assert "E08999999 is not a council the service knows" in problems[(2, "local_authority_code")]
    assert "E47999999 is not an authority the service knows" in problems[(3, "authority_code")]
    assert snapshot() == before


def test_a_short_name_taken_by_another_authority_is_refused(admin_client):
    AuthorityFactory(code="E47900950", short_name="Newshire")
    response = upload(admin_client, HEADER + GOOD)
    problems = response.context["refusal"].problems
    assert problems[0].row == 2 and problems[0].column == "short_name"
    assert Authority.objects.filter(short_name="Newshire").count() == 1


def test_preview_writes_nothing_and_confirm_imports(admin_client):
    response = upload(admin_client, HEADER + GOOD)
    assert response.status_code == 200
    assert "1 to create, 0 to update, 0 unchanged" in response.content.decode()
    assert not Authority.objects.filter(short_name="Newshire").exists()

    response = admin_client.post(reverse("manage-authorities-import-confirm"), {"digest": response.context["digest"]})
    assert response.status_code == 302
    newshire = Authority.objects.get(code="E47900900")
    assert newshire.short_name == "Newshire" and newshire.kind == "ca" and not newshire.has_mayor
    assert newshire.history.first().history_change_reason == "Imported from a CSV file"


def test_confirm_needs_the_preview_it_came_from(admin_client):
    upload(admin_client, HEADER + GOOD)
    response = admin_client.post(reverse("manage-authorities-import-confirm"), {"digest": "0" * 64}, follow=True)
    assert "Upload the file again" in response.content.decode()
    assert not Authority.objects.filter(short_name="Newshire").exists()


def test_the_real_files_import_idempotently_over_the_loaded_fixtures():
    admin = AdminFactory()  # not the shared fixtures: their authorities share the real short names
    authorities_load(directory=FIXTURES)
    before = snapshot()
    for name, kind in [("authorities.csv", FileKind.AUTHORITIES), ("memberships.csv", FileKind.MEMBERSHIPS),
                       ("memberships_uncoded.csv", FileKind.MEMBERSHIPS), ("memberships_2020.csv", FileKind.MEMBERSHIPS_2020)]:
        content = (FIXTURES / name).read_bytes()
        plan = authorities_import_preview(content=content, kind=kind)
        assert not plan.changes, (name, plan.created, plan.updated)
        authorities_import_apply(content=content, kind=kind, user=admin)
    assert snapshot() == before


def test_importing_the_same_file_twice_changes_nothing_the_second_time(admin):
    content = (HEADER + GOOD).encode()
    first = authorities_import_apply(content=content, kind=FileKind.AUTHORITIES, user=admin)
    assert len(first.created) == 1
    before = snapshot()
    second = authorities_import_apply(content=content, kind=FileKind.AUTHORITIES, user=admin)
    assert (len(second.created), len(second.updated), len(second.unchanged)) == (0, 0, 1)
    assert snapshot() == before


def test_an_update_lists_the_changed_fields_and_keeps_history(admin):
    authority = AuthorityFactory(code="E47900900", short_name="Newshire", name="Old name", kind="ca", has_mayor=False,
                                 established="2026-04-01", source="Test source")
    plan = authorities_import_apply(content=(HEADER + GOOD).encode(), kind=FileKind.AUTHORITIES, user=admin)
    assert plan.updated[0].detail == "Changes name"
    authority.refresh_from_db()
    assert authority.name == "Newshire Combined Authority"
    assert authority.history.count() == 2


def test_memberships_file_sets_an_authoritys_councils_in_its_landscape():
    admin = AdminFactory()
    authorities_load(directory=FIXTURES)
    gm = Authority.objects.get(code="E47000001")
    text = "authority_code,local_authority_code,source\nE47000001,E08000001,test\nE47000001,E08000003,test\n"
    plan = authorities_import_apply(content=text.encode(), kind=FileKind.MEMBERSHIPS_2020, user=admin)
    assert plan.updated[0].detail == "0 councils added, 8 removed, 2 with a new source"
    codes = set(gm.constituents.filter(landscape=Landscape.NOV_2020).values_list("local_authority__code", flat=True))
    assert codes == {"E08000001", "E08000003"}
    assert gm.constituents.filter(landscape=Landscape.CURRENT).count() == 10  # the other landscape is untouched


def test_the_service_refuses_directly_too():
    with pytest.raises(UploadRefused):
        authorities_import_preview(content=b"not,a,header\n1,2,3\n", kind=FileKind.AUTHORITIES)
