"""Documents are judged by their content: every accepted type in, everything else out, with GOV.UK errors."""
import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from evidence.documents import document_check
from evidence.models import EvidenceItem, EvidenceVersion

from . import files


@pytest.mark.parametrize("name", list(files.accepted()))
def test_each_accepted_type_is_stored_under_our_name_and_its_real_type(client_for, authority, people, name):
    content, content_type = files.accepted()[name]
    response = client_for("editor").post(
        reverse("evidence-add", args=[authority.pk]),
        # The browser's claim is ignored: every upload says octet-stream here.
        {"title": "", "description": "", "link": "", "document": files.upload(name, content)},
    )
    assert response.status_code == 302, response.content.decode()
    version = EvidenceVersion.objects.get(item__authority=authority)
    assert version.content_type == content_type
    assert version.size == len(content) and len(version.sha256) == 64
    assert version.filename == name.replace("photo.jpg", "photo.jpg")
    # The stored name is ours (authority/random.ext), never the user's.
    stored = version.file.name
    assert stored.startswith(f"{authority.pk}/") and name.rsplit(".", 1)[0] not in stored
    assert version.file.read() == content
    assert version.item.title == name.rsplit(".", 1)[0]  # no title given: the file's name


def _refusal(client, authority, upload) -> str:
    response = client.post(
        reverse("evidence-add", args=[authority.pk]), {"title": "Plan", "link": "", "document": upload}
    )
    assert response.status_code == 400
    assert not EvidenceItem.objects.exists() and not EvidenceVersion.objects.exists()
    return response.content.decode()


def test_an_executable_renamed_pdf_is_refused(client_for, authority):
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 200
    page = _refusal(client_for("editor"), authority, files.upload("plan.pdf", exe, "application/pdf"))
    assert "The selected file must be a PDF, Word, Excel" in page


def test_html_claiming_to_be_plain_text_is_refused(client_for, authority):
    html = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
    page = _refusal(client_for("editor"), authority, files.upload("notes.txt", html, "text/plain"))
    assert "The selected file must be a PDF, Word, Excel" in page


def test_a_file_over_the_limit_is_refused(client_for, authority):
    with override_settings(EVIDENCE_MAX_UPLOAD_BYTES=1000):
        page = _refusal(client_for("editor"), authority, files.upload("plan.pdf", files.pdf() + b"%" * 1000))
    assert "The selected file must be smaller than 1000" in page


def test_an_empty_file_is_refused(client_for, authority):
    # Django's own FileField refuses an empty upload first; the check below refuses it for any caller.
    page = _refusal(client_for("editor"), authority, files.upload("plan.pdf", b""))
    assert "The submitted file is empty" in page or "The selected file is empty" in page
    with pytest.raises(ValidationError, match="The selected file is empty"):
        document_check(files.upload("plan.pdf", b""))


@pytest.mark.parametrize("name", ["..\\..\\windows\\plan.pdf", "plan\x00.pdf", "plan\x1b[31m.pdf", "a\nb.pdf"])
def test_a_name_with_path_separators_or_control_characters_is_refused(name):
    with pytest.raises(ValidationError, match="must not contain slashes or control characters"):
        document_check(files.upload(name, files.pdf()))


def test_a_path_sent_by_the_browser_is_never_the_stored_or_offered_name(client_for, authority):
    upload = files.upload("plan.pdf", files.pdf())
    upload.name = "../../etc/passwd.pdf"  # Django keeps only the last part of a sent path
    client_for("editor").post(reverse("evidence-add", args=[authority.pk]), {"title": "Plan", "document": upload})
    version = EvidenceVersion.objects.get()
    assert version.filename == "passwd.pdf" and ".." not in version.file.name and "etc" not in version.file.name


def test_a_real_type_under_the_wrong_extension_is_refused():
    with pytest.raises(ValidationError, match=r"is a PNG image file but its name ends in “.pdf”"):
        document_check(files.upload("map.pdf", files.png()))


def test_macro_enabled_and_unknown_office_files_are_refused():
    docm = files.ooxml("docx", main_type="application/vnd.ms-word.document.macroEnabled.main+xml")
    with pytest.raises(ValidationError, match="must be a PDF"):
        document_check(files.upload("minutes.docx", docm))
    with pytest.raises(ValidationError, match="must be a PDF"):
        document_check(files.upload("archive.docx", b"PK\x03\x04" + b"\x00" * 100))  # a broken zip


def test_the_quota_refuses_an_upload_that_would_pass_it_and_says_how_full_the_library_is(client_for, authority):
    client = client_for("editor")
    with override_settings(EVIDENCE_QUOTA_BYTES=len(files.pdf()) + 10):
        first = client.post(reverse("evidence-add", args=[authority.pk]), {"title": "One", "document": files.upload("a.pdf", files.pdf())})
        assert first.status_code == 302
        second = client.post(reverse("evidence-add", args=[authority.pk]), {"title": "Two", "document": files.upload("b.pdf", files.pdf())})
        assert second.status_code == 400 and "evidence library is full" in second.content.decode()
        library = client.get(reverse("evidence-library", args=[authority.pk])).content.decode()
    assert EvidenceItem.objects.count() == 1
    assert "Documents stored:" in library and "of" in library


def test_a_viewer_cannot_upload(client_for, authority):
    response = client_for("viewer").post(
        reverse("evidence-add", args=[authority.pk]), {"title": "Plan", "document": files.upload("plan.pdf", files.pdf())}
    )
    assert response.status_code == 403 and not EvidenceItem.objects.exists()


def test_damaged_and_encrypted_archives_are_refused_not_a_server_error():
    import io
    import zipfile

    good = files.ooxml("docx")
    # Corrupt the compressed [Content_Types].xml: its bytes no longer inflate.
    start = good.index(b"[Content_Types].xml") + len("[Content_Types].xml")
    damaged = good[:start] + bytes(b ^ 0xFF for b in good[start:start + 40]) + good[start + 40:]
    with pytest.raises(ValidationError, match="must be a PDF"):
        document_check(files.upload("minutes.docx", damaged))
    buffer = io.BytesIO(good)
    with zipfile.ZipFile(buffer) as archive:
        info = archive.infolist()[0]
    encrypted = bytearray(good)
    # Set the "encrypted" flag on every local and central header of the first entry.
    for marker in (b"PK\x03\x04", b"PK\x01\x02"):
        offset = encrypted.index(marker) + (6 if marker == b"PK\x03\x04" else 8)
        encrypted[offset] |= 0x01
    assert info.filename == "[Content_Types].xml"
    with pytest.raises(ValidationError, match="must be a PDF"):
        document_check(files.upload("minutes.docx", bytes(encrypted)))
