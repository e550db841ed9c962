"""The restore check for documents (``manage.py evidence_check_files``, run by
scripts/backup_restore_check.sh): it passes only when every document the database knows is
present and unchanged, and it always has at least one document to check."""
import pytest
from django.core.management import CommandError, call_command

from evidence.models import EvidenceItem, EvidenceVersion

from . import files
from .factories import document_item, latest, link_item


def _check(**options) -> str:
    from io import StringIO

    out = StringIO()
    call_command("evidence_check_files", stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def test_every_stored_document_present_and_unchanged_passes(authority, people):
    document_item(authority=authority, user=people["editor"])
    link_item(authority=authority, user=people["editor"])  # links have no file to check
    assert "1 document checked, all present and intact" in _check()


def test_a_missing_document_fails_the_check(authority, people):
    version = latest(document_item(authority=authority, user=people["editor"]))
    version.file.storage.delete(version.file.name)
    with pytest.raises(CommandError, match="1 of 1 evidence documents missing or altered"):
        _check()


def test_an_altered_document_fails_the_check(authority, people):
    version = latest(document_item(authority=authority, user=people["editor"]))
    storage, name = version.file.storage, version.file.name
    storage.delete(name)
    storage.save(name, files.upload("plan.pdf", files.pdf().replace(b"200 200", b"666 666")))
    assert storage.exists(name) and version.file.name == name
    with pytest.raises(CommandError, match="1 of 1 evidence documents missing or altered"):
        _check()


def test_the_probe_gives_a_database_without_documents_one_to_check(authority, people):
    assert "1 document checked" in _check(add_probe=True)
    probe = EvidenceVersion.objects.get()
    assert probe.file.storage.exists(probe.file.name) and probe.item.title == "Restore check"
    # Only when there is none: a second run checks the same one and adds nothing.
    assert "1 document checked" in _check(add_probe=True) and EvidenceItem.objects.count() == 1
