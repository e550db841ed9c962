"""Admin upload of a newer CSV + JSON pair: preview, confirm; forged, stale or someone else's confirmations change nothing."""
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from official_statistics.models import Dataset, ImportRun, ImportStatus, Observation, PendingUpload
from official_statistics.services.imports import dataset_import_apply
from official_statistics.services.reader import read_dataset
from official_statistics.services.uploads import pending_upload_confirm, pending_upload_create
from tests.factories import AdminFactory, ReviewerFactory
from tests.outbox.helpers import database_queue, run_worker

from .helpers import csv_bytes, json_bytes, row

SLUG = "gross-value-added"
OLD = csv_bytes(row(period="2022-01-01/P1Y", value="38.0"), row(value="39.5"))
NEW = csv_bytes(row(period="2022-01-01/P1Y", value="38.0"), row(value="39.7"), row(period="2024-01-01/P1Y", value="40.5"))


@pytest.fixture
def loaded(db):
    dataset_import_apply(parsed=read_dataset(slug=SLUG, csv_bytes=OLD, json_bytes=json_bytes()))


def upload(client, content=NEW, slug=SLUG):
    return client.post(reverse("manage-statistics-upload"), {
        "slug": slug,
        "csv_file": SimpleUploadedFile(f"{slug}.csv", content, content_type="text/csv"),
        "json_file": SimpleUploadedFile(f"{slug}.json", json_bytes(source_date="18/06/2026"), content_type="application/json"),
    })


def confirm(client):
    """Confirm the one pending upload, as the preview's button does."""
    pending = PendingUpload.objects.get()
    return client.post(reverse("manage-statistics-confirm", args=[pending.pk]), {"digest": pending.digest})


def values():
    return sorted(Observation.objects.values_list("period", "value"))


@pytest.mark.django_db
def test_preview_shows_what_changes_and_confirm_applies_it(client, loaded):
    admin = AdminFactory()
    client.force_login(admin)
    before = values()
    response = upload(client)
    html = response.content.decode()
    assert response.status_code == 200 and "1 rows added, 0 removed, 1 with new figures" in html and "new period: 2024" in html
    assert values() == before  # a preview writes nothing to the figures
    pending = PendingUpload.objects.get()
    response = client.post(reverse("manage-statistics-confirm", args=[pending.pk]), {"digest": pending.digest})
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("manage-statistics-import", args=[run.pk])
    assert values() == [("2022-01-01/P1Y", 38.0), ("2023-01-01/P1Y", 39.7), ("2024-01-01/P1Y", 40.5)]
    page = client.get(response.url)
    assert "Imported gross-value-added" in page.content.decode() and not page.has_header("Refresh")
    dataset = Dataset.objects.get(slug=SLUG)
    assert dataset.imported_by == admin and dataset.release_date.isoformat() == "2026-06-18"
    assert not PendingUpload.objects.exists()
    # The same confirmation again (a double click, a replay): nothing more happens.
    response = client.post(reverse("manage-statistics-confirm", args=[pending.pk]), {"digest": pending.digest})
    assert response.status_code == 302 and values()[-1] == ("2024-01-01/P1Y", 40.5)


@pytest.mark.django_db
def test_a_bad_file_is_refused_with_its_rows_and_nothing_is_kept(client, loaded):
    client.force_login(AdminFactory())
    before = values()
    response = upload(client, csv_bytes(row(), row(period="2022-01-01/P1Y", value="lots")))
    html = response.content.decode()
    assert response.status_code == 400 and "“lots” is not a number." in html and ">3</td>" in html
    assert values() == before and not PendingUpload.objects.exists()


@pytest.mark.django_db
def test_forged_stale_or_someone_elses_confirmation_changes_nothing(client, loaded):
    admin, other_admin = AdminFactory(), AdminFactory()
    client.force_login(admin)
    upload(client)
    pending = PendingUpload.objects.get()
    before = values()
    url = reverse("manage-statistics-confirm", args=[pending.pk])
    # A forged digest.
    assert client.post(url, {"digest": "f" * 64}).status_code == 302
    assert values() == before
    # Another admin cannot confirm this admin's preview.
    client.force_login(other_admin)
    assert client.post(url, {"digest": pending.digest}).status_code == 302
    assert values() == before
    # Stale: another import of the same indicator after the preview.
    dataset_import_apply(parsed=read_dataset(slug=SLUG, csv_bytes=csv_bytes(row(value="41.0")), json_bytes=json_bytes()))
    after_other_import = values()
    client.force_login(admin)
    response = client.post(url, {"digest": pending.digest}, follow=True)
    assert "imported another file for this indicator after your preview" in response.content.decode()
    assert values() == after_other_import


@pytest.mark.django_db
def test_only_admins_upload(client, loaded):
    client.force_login(ReviewerFactory())
    assert upload(client).status_code == 403
    assert not PendingUpload.objects.exists()


@pytest.mark.django_db
def test_the_import_runs_as_a_task_and_its_page_shows_progress_until_done(client, loaded):
    admin = AdminFactory()
    client.force_login(admin)
    upload(client)
    before = values()
    with database_queue():
        response = confirm(client)
        run = ImportRun.objects.get()
        waiting = client.get(response.url)
        html = waiting.content.decode()
        assert "Importing gross-value-added" in html and "Step 1 of 3" in html
        assert waiting["Refresh"] == "3" and "no-cache" in waiting["Cache-Control"]  # reloads itself, no script
        assert values() == before  # nothing imported inside the request
        run_worker()
    done = client.get(response.url)
    assert "Imported gross-value-added" in done.content.decode() and not done.has_header("Refresh")
    assert values()[-1] == ("2024-01-01/P1Y", 40.5)
    run.refresh_from_db()
    assert run.csv_text == run.json_text == "" and run.rows == 3 and run.finished_at  # the files are not kept
    assert Dataset.objects.get(slug=SLUG).imported_by == admin
    index = client.get(reverse("manage-statistics")).content.decode()  # the way back to it, from the list
    assert reverse("manage-statistics-import", args=[run.pk]) in index and "gross-value-added</a>" in index


@pytest.mark.django_db
def test_an_import_overtaken_by_another_fails_on_its_page_and_changes_nothing(client, loaded):
    client.force_login(AdminFactory())
    upload(client)
    with database_queue():
        response = confirm(client)
        # Someone else's import lands between the confirmation and the worker picking it up.
        dataset_import_apply(parsed=read_dataset(slug=SLUG, csv_bytes=csv_bytes(row(value="41.0")), json_bytes=json_bytes()))
        after_other_import = values()
        run_worker()
    page = client.get(response.url)
    html = page.content.decode()
    assert "was not imported" in html and "imported another file for this indicator after your preview" in html
    assert not page.has_header("Refresh") and values() == after_other_import
    assert ImportRun.objects.get().status == ImportStatus.FAILED


@pytest.mark.django_db
def test_only_admins_see_an_imports_progress(client, loaded):
    client.force_login(AdminFactory())
    upload(client)
    url = confirm(client).url
    client.force_login(ReviewerFactory())
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_a_file_refused_when_the_worker_checks_it_shows_its_problems_row_by_row_and_changes_nothing(client, loaded):
    client.force_login(AdminFactory())
    upload(client)
    before = values()
    with database_queue():
        response = confirm(client)
        # The worker checks the files again before writing; here they no longer pass (as after a
        # release that tightened the checks): two bad rows.
        bad = csv_bytes(row(), row(period="2022-01-01/P1Y", value="lots"), row(period="2021-01-01/P1Y", lci="40", uci="39"))
        ImportRun.objects.update(csv_text=bad.decode("utf-8"))
        run_worker()
    page = client.get(response.url)
    html = page.content.decode()
    assert page.status_code == 200 and not page.has_header("Refresh")
    assert "gross-value-added was not imported" in html and "Nothing has been changed" in html
    assert "Correct the 2 problems listed below" in html
    assert '<td class="govuk-table__cell">3</td>' in html and "“lots” is not a number." in html
    assert '<td class="govuk-table__cell">4</td>' in html and "The lower bound 40 is above the upper bound 39." in html
    assert values() == before
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.FAILED and run.csv_text == ""


@pytest.mark.django_db
def test_a_rolled_back_confirmation_queues_no_import(loaded):
    admin = AdminFactory()
    pending, _plan = pending_upload_create(user=admin, slug=SLUG, csv_bytes=NEW, json_bytes=json_bytes())
    with database_queue():
        with pytest.raises(RuntimeError), transaction.atomic():
            pending_upload_confirm(user=admin, pk=pending.pk, digest=pending.digest)
            assert ImportRun.objects.count() == 1 and DBTaskResult.objects.count() == 1  # inside, both exist
            raise RuntimeError("the request failed after the confirmation")
        assert not ImportRun.objects.exists() and not DBTaskResult.objects.exists()
        assert PendingUpload.objects.filter(pk=pending.pk).exists()  # the preview can still be confirmed
        pending_upload_confirm(user=admin, pk=pending.pk, digest=pending.digest)
        run = ImportRun.objects.get()
        task = DBTaskResult.objects.get()
        assert task.task_path == "official_statistics.tasks.run_statistics_import" and task.args_kwargs["args"] == [str(run.pk)]


@pytest.mark.django_db
def test_an_import_whose_worker_stopped_stops_waiting_says_nothing_changed_and_can_be_uploaded_again(client, loaded):
    client.force_login(AdminFactory())
    upload(client)
    before = values()
    with database_queue():
        url = confirm(client).url
        # The worker took the task and was stopped in the middle: its transaction rolled back.
        ImportRun.objects.update(status=ImportStatus.WRITING)
        assert client.get(url).has_header("Refresh")  # a while yet: keep waiting
        ImportRun.objects.update(created_at=timezone.now() - timedelta(minutes=31))
        page = client.get(url)
        html = page.content.decode()
        assert not page.has_header("Refresh")  # no reloading for ever
        assert "gross-value-added has not finished importing" in html and "replacing the figures" in html
        assert "as they were before" in html and reverse("manage-statistics-upload") in html
        assert values() == before
        upload(client)  # uploading again works: a new preview and import
        confirm(client)
        run_worker()
    assert values()[-1] == ("2024-01-01/P1Y", 40.5)
