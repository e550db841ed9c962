"""Large XLSX exports: prepared by a task, the same file as the direct download, only for the requester (and admins)."""
import io
from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from assessments.models import AssessmentState, AuthorityKind
from downloads.models import PreparedExport, PreparedStatus
from downloads.services import prepared_export_expire
from tests.builders import moderate, populate
from tests.factories import AdminFactory, ReviewerFactory
from tests.outbox.helpers import database_queue, run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def big_round(open_round):
    made = populate(open_round, 5, state=AssessmentState.SUBMITTED, level=3)
    moderate(made[0], "2.1", 1)
    return open_round  # 5 assessments x 24 criteria = 120 criteria rows


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def sheets(content: bytes) -> dict[str, list[tuple]]:
    """Every sheet's rows, but the About sheet's "Generated at" (to the minute: the two files
    of a comparison may be made either side of one)."""
    workbook = load_workbook(io.BytesIO(content))
    return {
        name: [row for row in workbook[name].iter_rows(values_only=True) if row[:1] != ("Generated at",)]
        for name in workbook.sheetnames
    }


def prepare(client: Client, round_) -> PreparedExport:
    response = client.post(reverse("download-prepare-round-xlsx", args=[round_.pk]))
    assert response.status_code == 302
    export = PreparedExport.objects.get(pk=response.url.strip("/").split("/")[-1])
    assert response.url == reverse("download-status", args=[export.pk])
    return export


def test_a_large_export_is_prepared_in_the_background_and_is_the_same_file(big_round, people):
    reviewer = as_user(people["reviewer"])
    with override_settings(EXPORT_BACKGROUND_ROWS=1000):  # small enough: straight download, as before
        direct = reviewer.get(reverse("dashboard-export-xlsx", args=[big_round.pk]))
        direct_sheets = sheets(b"".join(direct.streaming_content))
    assert len(direct_sheets["Criteria"]) == 1 + 120

    with override_settings(EXPORT_BACKGROUND_ROWS=119), database_queue():
        offer = reviewer.get(reverse("dashboard-export-xlsx", args=[big_round.pk]))
        assert offer.status_code == 200 and "120 rows" in offer.content.decode()
        assert PreparedExport.objects.count() == 0  # a GET writes nothing
        export = prepare(reviewer, big_round)
        assert prepare(reviewer, big_round) == export  # pressing twice prepares one file

        waiting = reviewer.get(reverse("download-status", args=[export.pk]))
        assert "Your spreadsheet is being prepared" in waiting.content.decode()
        assert waiting["Refresh"] == "3" and "no-cache" in waiting["Cache-Control"]
        assert reviewer.get(reverse("download-file", args=[export.pk])).status_code == 404

        run_worker()
        ready = reviewer.get(reverse("download-status", args=[export.pk]))
        assert "Your spreadsheet is ready" in ready.content.decode() and not ready.has_header("Refresh")
        served = reviewer.get(reverse("download-file", args=[export.pk]))
        assert served.status_code == 200 and served["Content-Disposition"] == direct["Content-Disposition"]
        assert sheets(b"".join(served.streaming_content)) == direct_sheets

        export.refresh_from_db()
        expiry = DBTaskResult.objects.get(task_path="downloads.tasks.expire_prepared_export")
        assert expiry.run_after == export.expires_at == export.ready_at + timedelta(hours=24)


def test_the_prepared_file_follows_the_dashboards_filters(big_round, people):
    # Other kinds, regions and drafts in the round: a file built without the filters differs.
    populate(big_round, 2, state=AssessmentState.SUBMITTED, level=1, kind=AuthorityKind.CA, region="East Midlands")
    populate(big_round, 1, state=AssessmentState.DRAFT, level=4, kind=AuthorityKind.MCA, region="North West")
    reviewer = as_user(people["reviewer"])
    url = reverse("dashboard-export-xlsx", args=[big_round.pk])
    query = {"kind": AuthorityKind.MCA, "region": "North West", "scope": "all", "sort": "index", "order": "desc"}

    def direct(params):
        with override_settings(EXPORT_BACKGROUND_ROWS=10_000):
            return sheets(b"".join(reviewer.get(url, params).streaming_content))

    filtered, unfiltered = direct(query), direct({})
    assert filtered["Criteria"] != unfiltered["Criteria"]

    with override_settings(EXPORT_BACKGROUND_ROWS=0), database_queue():
        offer = reviewer.get(url, query).content.decode()
        for name, value in query.items():  # the prepare button carries the filters
            assert f'name="{name}" value="{value}"' in offer
        export = prepare_with(reviewer, big_round, query)
        assert prepare_with(reviewer, big_round, {}) != export  # other filters: another file
        run_worker()
    export.refresh_from_db()
    served = sheets(b"".join(reviewer.get(reverse("download-file", args=[export.pk])).streaming_content))
    assert served == filtered
    status = reviewer.get(reverse("download-status", args=[export.pk])).content.decode()
    assert "Your spreadsheet is ready" in status


def prepare_with(client: Client, round_, query: dict) -> PreparedExport:
    response = client.post(reverse("download-prepare-round-xlsx", args=[round_.pk]), query)
    assert response.status_code == 302
    return PreparedExport.objects.get(pk=response.url.strip("/").split("/")[-1])


def test_only_the_requester_and_admins_can_fetch_the_file(big_round, people):
    with override_settings(EXPORT_BACKGROUND_ROWS=0):
        export = prepare(as_user(people["reviewer"]), big_round)  # tests run tasks at once
    export.refresh_from_db()
    assert export.status == PreparedStatus.READY
    status_url, file_url = reverse("download-status", args=[export.pk]), reverse("download-file", args=[export.pk])

    assert as_user(people["reviewer"]).get(file_url).status_code == 200
    assert as_user(AdminFactory()).get(file_url).status_code == 200
    for someone_else in [ReviewerFactory(), people["lead_reviewer"], people["editor"], people["other_official"]]:
        client = as_user(someone_else)
        assert client.get(status_url).status_code == 404 and client.get(file_url).status_code == 404
    assert Client().get(file_url).status_code == 302  # to sign in

    people["reviewer"].central_role = ""
    people["reviewer"].save()
    assert as_user(people["reviewer"]).get(file_url).status_code == 404  # no longer central staff


def test_officials_cannot_ask_for_a_prepared_export(big_round, people):
    with override_settings(EXPORT_BACKGROUND_ROWS=0):
        response = as_user(people["editor"]).post(reverse("download-prepare-round-xlsx", args=[big_round.pk]))
    assert response.status_code == 403 and PreparedExport.objects.count() == 0


def test_the_file_is_deleted_when_its_time_is_up(big_round, people, media):
    with override_settings(EXPORT_BACKGROUND_ROWS=0):
        export = prepare(as_user(people["reviewer"]), big_round)
    export.refresh_from_db()
    stored = media / export.file.name
    assert stored.exists()
    assert prepared_export_expire(export_id=str(export.pk)) == "not due" and stored.exists()

    PreparedExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    client = as_user(people["reviewer"])
    assert client.get(reverse("download-file", args=[export.pk])).status_code == 404  # even before the task runs
    assert "no longer available" in client.get(reverse("download-status", args=[export.pk])).content.decode()
    assert prepared_export_expire(export_id=str(export.pk)) == "expired"
    assert not stored.exists()
    assert PreparedExport.objects.get(pk=export.pk).status == PreparedStatus.EXPIRED


def test_a_file_whose_worker_stopped_mid_build_stops_waiting_and_can_be_prepared_again(big_round, people):
    reviewer = as_user(people["reviewer"])
    query = {"kind": AuthorityKind.MCA, "sort": "index", "order": "desc"}
    with override_settings(EXPORT_BACKGROUND_ROWS=0), database_queue():
        stuck = prepare_with(reviewer, big_round, query)
        # The worker took the task and was stopped part way: the file stays "being prepared".
        DBTaskResult.objects.update(status="RUNNING", started_at=timezone.now(), worker_ids=["stopped"])
        status_url = reverse("download-status", args=[stuck.pk])
        assert reviewer.get(status_url).has_header("Refresh")  # a while yet: keep waiting
        PreparedExport.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - timedelta(minutes=31))

        page = reviewer.get(status_url)
        html = page.content.decode()
        assert "The spreadsheet could not be prepared" in html and "much longer than it should" in html
        assert not page.has_header("Refresh")  # no reloading for ever
        for name, value in query.items():  # "Try again" asks for the same file
            assert f'name="{name}" value="{value}"' in html
        again = prepare_with(reviewer, big_round, query)
        assert again != stuck and again.filters == stuck.filters
        run_worker()
    again.refresh_from_db()
    assert again.status == PreparedStatus.READY
    assert "Your spreadsheet is ready" in reviewer.get(reverse("download-status", args=[again.pk])).content.decode()
