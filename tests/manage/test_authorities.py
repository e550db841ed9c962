"""Authority administration: list and filters, edit, councils, abolish (with history kept)."""
import datetime

import pytest
from django.urls import reverse

from assessments.models import Authority, Constituent, Landscape, LocalAuthority
from assessments.services.manage_rounds import round_open
from tests.factories import AuthorityFactory, RoundFactory

pytestmark = pytest.mark.django_db


def names(response) -> set[str]:
    return {authority.short_name for authority in response.context["page"]}


def test_list_search_and_filters(admin_client, authority):
    lep = AuthorityFactory(short_name="Solent LEP", kind="lep", has_mayor=False)
    gone = AuthorityFactory(short_name="North of Tyne", abolished=datetime.date(2024, 5, 7))
    url = reverse("manage-authorities")
    assert names(admin_client.get(url, {"q": "solent"})) == {"Solent LEP"}
    assert names(admin_client.get(url, {"q": lep.code})) == {"Solent LEP"}
    assert names(admin_client.get(url, {"kind": "lep"})) == {"Solent LEP"}
    assert names(admin_client.get(url, {"status": "abolished"})) == {gone.short_name}
    assert "North of Tyne" not in names(admin_client.get(url, {"status": "active"}))
    assert "Solent LEP" not in names(admin_client.get(url, {"mayor": "yes"}))
    # Unknown filter values are ignored rather than an error page.
    assert admin_client.get(url, {"kind": "nonsense"}).status_code == 200


def test_list_is_paginated_with_constant_queries(admin_client, django_assert_max_num_queries):
    for _ in range(120):
        AuthorityFactory()
    with django_assert_max_num_queries(11):
        response = admin_client.get(reverse("manage-authorities"), {"page": 2})
    assert len(response.context["page"]) == 50
    assert "Page 2 of 3" in response.content.decode()


def test_edit_an_authority_and_see_the_history(admin_client, authority):
    data = {"code": "E47000099", "name": "GM Combined Authority", "short_name": "Greater Manchester", "kind": "mca",
            "has_mayor": "on", "established": "2011"}
    response = admin_client.post(reverse("manage-authority-edit", args=[authority.pk]), data)
    assert response.status_code == 302
    authority.refresh_from_db()
    assert (authority.code, authority.name, authority.established) == ("E47000099", "GM Combined Authority", "2011")
    page = admin_client.get(reverse("manage-authority", args=[authority.pk])).content.decode()
    assert "Details edited" in page and "GM Combined Authority" in page


def test_edit_errors_change_nothing(admin_client, authority, other_authority):
    data = {"code": "X123", "name": "", "short_name": other_authority.short_name, "kind": "county", "established": "April"}
    response = admin_client.post(reverse("manage-authority-edit", args=[authority.pk]), data)
    page = response.content.decode()
    assert response.status_code == 400
    for message in ["Enter the GSS code as E followed by 8 digits", "Enter the authority&#x27;s full name",
                    "Select a valid choice", "Enter the date established as YYYY-MM-DD"]:
        assert message in page
    data = {"code": other_authority.code, "name": "X", "short_name": "GM", "kind": "mca"}
    response = admin_client.post(reverse("manage-authority-edit", args=[authority.pk]), data)
    assert f"Another authority already has the GSS code {other_authority.code}" in response.content.decode()
    authority.refresh_from_db()
    assert authority.short_name == "Greater Manchester" and authority.name == "Greater Manchester Combined Authority"


def test_set_councils_per_landscape(admin_client, authority):
    bolton = LocalAuthority.objects.create(code="E08000001", name="Bolton")
    bury = LocalAuthority.objects.create(code="E08000002", name="Bury")
    Constituent.objects.create(authority=authority, local_authority=bolton, landscape=Landscape.CURRENT)
    url = reverse("manage-authority-councils", args=[authority.pk, Landscape.NOV_2020.value])
    response = admin_client.post(url, {"codes": "E08000001\nE08000002"})
    assert response.status_code == 302
    assert set(authority.constituents.filter(landscape=Landscape.NOV_2020).values_list("local_authority", flat=True)) == {bolton.pk, bury.pk}
    url = reverse("manage-authority-councils", args=[authority.pk, Landscape.CURRENT.value])
    response = admin_client.post(url, {"codes": "E08000002\nE08999999\nbad"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "E08999999 is not a council the service knows" in page and "BAD is not a GSS code" in page
    assert list(authority.constituents.filter(landscape=Landscape.CURRENT).values_list("local_authority", flat=True)) == [bolton.pk]


def test_abolish_keeps_assessments_and_history(admin_client, admin, assessment):
    authority = assessment.authority
    url = reverse("manage-authority-abolish", args=[authority.pk])
    response = admin_client.post(url, {"abolished_0": "7", "abolished_1": "5", "abolished_2": "2024"})
    assert response.status_code == 302
    authority.refresh_from_db()
    assert authority.abolished == datetime.date(2024, 5, 7)
    assert authority.assessments.filter(pk=assessment.pk).exists()
    assert authority.history.first().history_change_reason == "Marked abolished from 7 May 2024"
    assert Authority.objects.filter(pk=authority.pk).exists()
    # Abolished authorities get no assessment in new rounds.
    new_round = RoundFactory(not_yet_open=True, covers_kinds=["mca"])
    round_open(round_=new_round, user=admin)
    assert not new_round.assessments.filter(authority=authority).exists()


def test_abolish_date_errors(admin_client, authority):
    response = admin_client.post(reverse("manage-authority-abolish", args=[authority.pk]), {"abolished_0": "31", "abolished_1": "2", "abolished_2": "2024"})
    assert response.status_code == 400
    authority.refresh_from_db()
    assert authority.abolished is None
    assert "The date abolished must be a real date" in response.content.decode()
