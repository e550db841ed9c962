"""Documents leave only through the download view: never from a static or media address,
and ``manage.py check`` refuses an evidence folder that one of those would serve."""
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings
from django.urls import reverse

from evidence.checks import evidence_folder_is_not_served

from .factories import document_item, latest


def _evidence_in(folder) -> dict:
    return {**settings.STORAGES, "evidence": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(folder)},
    }}


def test_a_stored_document_has_no_static_or_media_address(client_for, authority, people):
    version = latest(document_item(authority=authority, user=people["editor"]))
    client = client_for("editor")
    for prefix in (settings.STATIC_URL, "/media/", "/evidence/"):
        assert client.get(prefix + version.file.name).status_code == 404
    assert client.get(reverse("evidence-download", args=[version.pk])).status_code == 200


def test_the_configured_evidence_folder_passes_the_check():
    assert evidence_folder_is_not_served() == []
    production = Path(settings.EVIDENCE_ROOT).resolve()  # the default, var/evidence, as deployed
    with override_settings(STORAGES=_evidence_in(production)):
        assert evidence_folder_is_not_served() == []


@pytest.mark.parametrize("served", ["STATIC_ROOT", "MEDIA_ROOT", "STATICFILES_DIRS"])
def test_an_evidence_folder_inside_static_or_media_files_fails_the_check(served):
    folder = Path(settings.STATICFILES_DIRS[0] if served == "STATICFILES_DIRS" else getattr(settings, served))
    for location in (folder, folder / "evidence"):
        with override_settings(STORAGES=_evidence_in(location)):
            errors = evidence_folder_is_not_served()
            assert [error.id for error in errors] == ["evidence.E001"] and served in errors[0].msg
            with pytest.raises(SystemCheckError, match="evidence.E001"):
                call_command("check")
