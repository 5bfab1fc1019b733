"""A coalition admin uploads a member list on the coalition page: each row is matched to one
government or reported (ambiguous, not found), never guessed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from citypeers.accounts.enums import MembershipRole
from citypeers.accounts.models import JurisdictionMembership
from tests.factories.accounts import CoalitionFactory, MembershipFactory
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration

CSV = b"name,state\nRiverton,TX\nSpringfield,TX\nNowhere,TX\n"


@pytest.fixture
def coalition(db):
    coalition = CoalitionFactory(slug="metro-alliance")
    JurisdictionFactory(name="Riverton", slug="riverton-tx")
    JurisdictionFactory(name="Springfield", slug="springfield-city-tx")
    JurisdictionFactory(name="Springfield", slug="springfield-village-tx")
    return coalition


def _upload(client, coalition, *, dry_run: bool, data: bytes = CSV):
    admin = MembershipFactory(organisation=coalition, role=MembershipRole.ADMIN).user
    client.force_login(admin)
    body = {"file": SimpleUploadedFile("members.csv", data, content_type="text/csv")}
    if dry_run:
        body["dry_run"] = "on"
    return client.post(reverse("coalitions:member-import", kwargs={"slug": coalition.slug}), body)


def _summary(report) -> tuple:
    return (report.rows, report.created, report.ambiguous, dict(report.rejected), report.dry_run)


def test_check_only_reports_each_row_and_saves_nothing(client, coalition):
    response = _upload(client, coalition, dry_run=True)

    assert _summary(response.context["report"]) == (
        3,
        1,
        ["line 3: Springfield, TX → springfield-city-tx, springfield-village-tx"],
        {"not in the directory": 1},
        True,
    )
    assert JurisdictionMembership.objects.filter(organisation=coalition).count() == 0


def test_import_adds_only_the_rows_it_is_sure_of(client, coalition):
    response = _upload(client, coalition, dry_run=False)

    members = JurisdictionMembership.objects.filter(organisation=coalition)
    assert response.status_code == 200
    assert list(members.values_list("jurisdiction__slug", flat=True)) == ["riverton-tx"]
    assert response.context["report"].examples == {"not in the directory": ["line 4: Nowhere, TX"]}


def test_file_without_name_and_state_is_refused_on_the_form(client, coalition):
    response = _upload(client, coalition, dry_run=False, data=b"city,region\nRiverton,TX\n")

    assert response.context["form"].errors == {
        "file": ["members.csv needs the columns name and state."]
    }


def test_coalition_editor_gets_404(client, coalition):
    editor = MembershipFactory(organisation=coalition, role=MembershipRole.EDITOR).user
    client.force_login(editor)

    response = client.get(reverse("coalitions:member-import", kwargs={"slug": coalition.slug}))

    assert response.status_code == 404
