"""Adding one authority by hand uses the import's rules; the import page explains every
column and offers templates (admins cannot see the repository)."""
import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import Authority
from assessments.services.manage_authorities_csv import FileKind, read_upload, template_csv
from tests.factories import AuthorityFactory

pytestmark = pytest.mark.django_db


def add(admin_client, **overrides):
    data = {"code": "", "name": "Sussex and Brighton Combined County Authority", "short_name": "Sussex and Brighton",
            "kind": "cca", "established": "2026", "source": "The Sussex and Brighton CCA Regulations 2026", **overrides}
    return admin_client.post(reverse("manage-authority-new"), data)


def test_add_an_authority(admin_client):
    response = add(admin_client)
    authority = Authority.objects.get(short_name="Sussex and Brighton")
    assert response.status_code == 302 and response["Location"] == reverse("manage-authority", args=[authority.pk])
    assert authority.code is None and authority.kind == "cca" and authority.established == "2026"
    record = authority.history.first()
    assert record.history_change_reason == "Added by an admin" and record.history_user.central_role == "admin"


def test_adding_applies_the_import_rules(admin_client):
    AuthorityFactory(code="E47000099", short_name="Taken")
    response = add(admin_client, code="E47000099", short_name="Taken")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Another authority already has the GSS code E47000099" in page
    assert "Another authority already has the short name Taken" in page
    # A rule only the import's row check makes (a short name the loader's LEP suffix would overflow).
    response = add(admin_client, kind="lep", short_name="x" * 97)
    assert response.status_code == 400 and "96 characters or fewer" in response.content.decode()
    assert not Authority.objects.filter(kind="lep").exists()


def test_a_lep_gets_the_same_short_name_as_on_import(admin_client):
    add(admin_client, kind="lep", short_name="Solent", name="Solent LEP")
    assert Authority.objects.filter(short_name="Solent LEP").exists()


@pytest.mark.parametrize("kind", list(FileKind))
def test_each_template_is_an_importable_file(admin_client, kind):
    response = admin_client.get(reverse("manage-authorities-import-template", args=[kind.value]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert response.content.decode() == template_csv(kind=kind)
    header = next(csv.reader(io.StringIO(response.content.decode())))
    assert header[0] in {"code", "authority_code", "predecessor_code"}
    assert read_upload(content=response.content, kind=kind)  # no problems: a file the import accepts


def test_unknown_template_is_404(admin_client):
    assert admin_client.get(reverse("manage-authorities-import-template", args=["other"])).status_code == 404


def test_the_import_page_explains_every_column_and_kind_code(admin_client):
    page = admin_client.get(reverse("manage-authorities-import")).content.decode()
    assert "fixtures/authorities" not in page
    for column in ["code", "short_name", "has_mayor", "established", "abolished", "authority_code", "local_authority_code"]:
        assert f"<code>{column}</code>" in page
    for code in ["mca", "ca", "cca", "lep"]:
        assert f"<code>{code}</code>" in page
    bad = SimpleUploadedFile("bad.csv", b"nonsense\n1\n")
    response = admin_client.post(reverse("manage-authorities-import"), {"kind": "authorities", "file": bad})
    assert response.status_code == 400 and "<code>has_mayor</code>" in response.content.decode()
