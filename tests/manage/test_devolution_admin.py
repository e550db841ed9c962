"""Admins edit tiers, devolution facts and lineage, with confirmation and the audit trail;
the authorities CSV export carries them and re-imports unchanged."""
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import Authority, AuthorityLink, LinkKind, StrategicTier, TierPeriod
from assessments.selectors.devolution import tier_on
from assessments.selectors.manage_audit import authority_trail
from assessments.services.authorities_load import authorities_load
from assessments.services.manage_authorities_csv import FileKind, UploadRefused
from assessments.services.manage_authorities_import import authorities_import_apply, authorities_import_preview
from tests.factories import AdminFactory

pytestmark = pytest.mark.django_db
FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "authorities"


@pytest.fixture
def loaded():
    authorities_load(directory=FIXTURES)


# The shared ``people`` fixtures make a factory "Greater Manchester", which the real data has too.
@pytest.fixture
def admin(loaded):
    return AdminFactory()


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def reasons(authority: Authority) -> list[str]:
    return [entry.reason for entry in authority_trail(authority=authority)]


def test_admin_adds_a_tier_period_and_the_older_tier_still_applies_before_it(loaded, admin_client):
    lancashire = Authority.objects.get(code="E47000018")
    url = reverse("manage-authority-tier-add", args=[lancashire.pk])
    response = admin_client.post(url, {"tier": "mayoral", "since": "2026-05", "source": "Test order"})
    assert response.status_code == 302
    assert tier_on(authority=lancashire, day=date(2026, 5, 1)) == StrategicTier.MAYORAL
    assert tier_on(authority=lancashire, day=date(2026, 4, 30)) == StrategicTier.FOUNDATION
    assert "Tier: Mayoral strategic authority from 2026-05" in reasons(lancashire)

    # The same start again is refused with a message, and nothing changes.
    response = admin_client.post(url, {"tier": "established_mayoral", "since": "2026-05-01"})
    assert response.status_code == 400
    assert "already has a tier from 1 May 2026" in response.content.decode()
    assert lancashire.tier_periods.count() == 2


@pytest.mark.parametrize(("since", "message"), [("2026-13", "is not a date"), ("May 2026", "Enter the date as"), ("", "Enter the date the tier")])
def test_a_bad_tier_date_is_refused(loaded, admin_client, since, message):
    lancashire = Authority.objects.get(code="E47000018")
    response = admin_client.post(reverse("manage-authority-tier-add", args=[lancashire.pk]), {"tier": "mayoral", "since": since})
    assert response.status_code == 400 and message in response.content.decode()
    assert lancashire.tier_periods.count() == 1


def test_removing_a_tier_period_asks_first(loaded, admin_client):
    north_east = Authority.objects.get(code="E47000014")
    established = north_east.tier_periods.get(tier=StrategicTier.ESTABLISHED_MAYORAL)
    url = reverse("manage-authority-tier-remove", args=[north_east.pk, established.pk])
    page = admin_client.get(url)
    assert "Remove this tier period?" in page.content.decode()
    assert north_east.tier_periods.count() == 2  # GET changes nothing

    assert admin_client.post(url).status_code == 302
    assert tier_on(authority=north_east, day=date(2026, 11, 30)) == StrategicTier.MAYORAL
    assert "Tier removed: Established mayoral strategic authority from 2026-04-01" in reasons(north_east)
    # Another authority's period is not reachable through this authority's address.
    other = TierPeriod.objects.exclude(authority=north_east).first()
    assert admin_client.get(reverse("manage-authority-tier-remove", args=[north_east.pk, other.pk])).status_code == 404


def test_devolution_facts_edit_is_recorded(loaded, admin_client):
    lancashire = Authority.objects.get(code="E47000018")
    data = {"mayoral": "yes", "first_mayoral_election": "2027", "integrated_settlement_from": "2027-28",
            "devolution_priority_programme": "on", "source": "Test statement"}
    assert admin_client.post(reverse("manage-authority-devolution", args=[lancashire.pk]), data).status_code == 302
    lancashire.refresh_from_db()
    assert lancashire.mayoral and lancashire.first_mayoral_election == "2027"
    assert lancashire.integrated_settlement_from == "2027-28" and lancashire.devolution_priority_programme
    assert lancashire.devolution_source == "Test statement"
    assert "Devolution facts edited" in reasons(lancashire)

    bad = dict(data, integrated_settlement_from="2027-29")
    response = admin_client.post(reverse("manage-authority-devolution", args=[lancashire.pk]), bad)
    assert response.status_code == 400 and "is not a financial year" in response.content.decode()


def test_lineage_links_are_added_checked_and_removed(loaded, admin_client):
    tees = Authority.objects.get(code="E47000006")
    a_lep = Authority.objects.get(code="E37000037")  # West of England LEP: any abolished body will do
    url = reverse("manage-authority-link-add", args=[tees.pk])
    form = {"predecessor": a_lep.pk, "kind": "merger", "on_0": "1", "on_1": "4", "on_2": "2024"}
    assert admin_client.post(url, form).status_code == 302
    link = AuthorityLink.objects.get(successor=tees)
    assert (link.predecessor, link.on, link.kind) == (a_lep, date(2024, 4, 1), LinkKind.MERGER)
    assert f"Lineage: from {a_lep.name} on 1 April 2024 (Merger)" in reasons(tees)
    # A rename must link the body to itself.
    response = admin_client.post(url, dict(form, kind="rename", on_2="2023"))
    assert response.status_code == 400 and "A rename keeps the same body" in response.content.decode()

    remove = reverse("manage-authority-link-remove", args=[tees.pk, link.pk])
    assert "Remove this lineage link?" in admin_client.get(remove).content.decode()
    assert admin_client.post(remove).status_code == 302
    assert not AuthorityLink.objects.filter(successor=tees).exists()


def test_export_carries_tiers_and_reimports_unchanged(loaded, admin, admin_client):
    response = admin_client.get(reverse("manage-authorities-export"))
    content = b"".join(response.streaming_content)
    # The one CSV helper's byte order mark (Excel's cue for UTF-8); the import must take it.
    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    header, *rows = text.splitlines()
    assert header.endswith("tier,tier_since,mayoral,first_mayoral_election,integrated_settlement_from,devolution_priority_programme")
    assert len(rows) == 60
    gla = next(row for row in rows if row.startswith("E61000001"))
    assert gla.endswith(",established_mayoral,2026-04-01,yes,2000-05-04,2026-27,no")

    plan = authorities_import_preview(content=content, kind=FileKind.AUTHORITIES)
    assert not plan.changes and len(plan.unchanged) == 60
    # Uploaded as downloaded, byte order mark and all, the preview says nothing would change.
    upload = SimpleUploadedFile("authorities.csv", content, content_type="text/csv")
    page = admin_client.post(reverse("manage-authorities-import"), {"kind": FileKind.AUTHORITIES.value, "file": upload})
    assert page.status_code == 200
    assert "There is nothing to import." in page.content.decode()

    # A new tier in the file adds a period from its date; the earlier one is kept.
    lines = text.split("\r\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("E47000018,"))
    assert lines[index].endswith(",foundation,2025-02-05,no,,,no")
    lines[index] = lines[index].removesuffix(",foundation,2025-02-05,no,,,no") + ",mayoral,2026-06-01,yes,2028,,no"
    changed = "\r\n".join(lines)
    plan = authorities_import_apply(content=changed.encode(), kind=FileKind.AUTHORITIES, user=admin)
    assert [line.detail for line in plan.updated] == ["Changes mayoral in law, first mayoral election, tier"]
    lancashire = Authority.objects.get(code="E47000018")
    assert [p.tier for p in lancashire.tier_periods.order_by("starts_on")] == ["foundation", "mayoral"]


def test_import_refuses_bad_devolution_cells(loaded):
    header = "code,name,short_name,kind,has_mayor,established,abolished,source,tier,tier_since,integrated_settlement_from\n"
    row = "E47000018,Lancashire Combined County Authority,Lancashire,cca,false,2025-02-05,,s,top,,2025-27\n"
    with pytest.raises(UploadRefused) as refused:
        authorities_import_preview(content=(header + row).encode(), kind=FileKind.AUTHORITIES)
    columns = {problem.column for problem in refused.value.problems}
    assert columns == {"tier", "tier_since", "integrated_settlement_from"}


def test_loader_and_import_read_the_reference_file_alike(loaded):
    """One reader: the loaded fixtures/authorities/authorities.csv, uploaded as it is, changes nothing."""
    content = (FIXTURES / "authorities.csv").read_bytes()
    plan = authorities_import_preview(content=content, kind=FileKind.AUTHORITIES)
    assert (len(plan.created), len(plan.updated), len(plan.unchanged)) == (0, 0, 60)
