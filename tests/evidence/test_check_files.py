"""The restore check for documents (``manage.py evidence_check_files``, run by
scripts/backup_restore_check.sh): it passes only when every document the database knows is
present and unchanged, and it always has at least one document to check.

The script's tests run PostgreSQL's client tools against the test database, so they belong to
the PostgreSQL pass only (they are not marked both_databases), where those tools are installed."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

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


# scripts/backup_restore_check.sh itself, against the test database (committed data: a real pg_dump reads it).

ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _run_restore_check(evidence_root: Path) -> subprocess.CompletedProcess:
    restored = f"restore_check_{os.getpid()}"
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "levelup.settings", "SECRET_KEY": "restore-check-test",
        "DATABASE_URL": _database_url(), "EVIDENCE_ROOT": str(evidence_root), "PYTHON": sys.executable,
        "RESTORED_DB": restored,
    }
    env.pop("EVIDENCE_S3_BUCKET", None)
    try:
        return subprocess.run(["bash", "scripts/backup_restore_check.sh"], cwd=ROOT, env=env, timeout=300,
                              capture_output=True, text=True)
    finally:
        subprocess.run(["dropdb", f"--maintenance-db={_database_url()}", "--if-exists", restored], check=True,
                       capture_output=True)


@pytest.mark.django_db(transaction=True)
def test_the_restore_script_puts_its_probe_in_a_scratch_copy_never_the_source(authority, people, tmp_path):
    source_root = tmp_path / "evidence"
    source_root.mkdir()
    result = _run_restore_check(source_root)
    assert result.returncode == 0, result.stderr
    assert "checking a scratch copy with a probe document" in result.stderr
    assert re.search(r"all \d+ tables match", result.stdout)
    # The source is as it was: no probe item or version in the database, no file in its folder.
    assert not EvidenceItem.objects.exists() and not EvidenceVersion.objects.exists()
    assert list(source_root.iterdir()) == []


@pytest.mark.django_db(transaction=True)
def test_the_restore_script_checks_the_sources_own_documents_and_fails_on_an_altered_one(authority, people):
    version = latest(document_item(authority=authority, user=people["editor"]))
    evidence_root = Path(version.file.storage.location)
    result = _run_restore_check(evidence_root)
    assert result.returncode == 0, result.stderr
    assert "scratch copy" not in result.stderr and "1 document checked" in result.stdout
    assert EvidenceItem.objects.count() == 1  # nothing added
    with version.file.storage.open(version.file.name, "ab") as stored:
        stored.write(b"x")
    altered = _run_restore_check(evidence_root)
    assert altered.returncode != 0 and f"altered: {version.file.name}" in altered.stderr
