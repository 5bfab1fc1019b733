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
    return (
        report["rows"],
        report["created"],
        report["ambiguous"],
        dict(report["rejected"]),
        report["dry_run"],
    )


def test_check_only_reports_each_row_and_saves_nothing(client, coalition):
    response = _upload(client, coalition, dry_run=True)

    assert _summary(response.context["report"]) == (3, 1, 1, {"not in the directory": 1}, True)
    assert response.context["left_out"].page.object_list == [
        [3, "Springfield", "TX", "ambiguous", ["springfield-city-tx", "springfield-village-tx"]],
        [4, "Nowhere", "TX", "not in the directory", []],
    ]
    assert JurisdictionMembership.objects.filter(organisation=coalition).count() == 0


def test_import_adds_only_the_rows_it_is_sure_of(client, coalition):
    response = _upload(client, coalition, dry_run=False)

    members = JurisdictionMembership.objects.filter(organisation=coalition)
    assert response.status_code == 200
    assert list(members.values_list("jurisdiction__slug", flat=True)) == ["riverton-tx"]
    assert [row[:4] for row in response.context["left_out"].page.object_list] == [
        [3, "Springfield", "TX", "ambiguous"],
        [4, "Nowhere", "TX", "not in the directory"],
    ]


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


def _import_url(coalition, query=""):
    return reverse("coalitions:member-import", kwargs={"slug": coalition.slug}) + query


def _many_missing(n) -> bytes:
    rows = "".join(f"Nowhere {i},TX\n" for i in range(n))
    return ("name,state\nRiverton,TX\n" + rows + "Riverton,TX\n,TX\n").encode()


def test_report_lists_every_row_left_out_a_page_at_a_time(client, coalition):
    """60 names not found, one listed twice and one without a name: 62 rows, 50 a page."""
    first = _upload(client, coalition, dry_run=True, data=_many_missing(60))
    second = client.get(_import_url(coalition, "?page=2"))

    listed = [
        row[:4]
        for response in (first, second)
        for row in response.context["left_out"].page.object_list
    ]
    assert listed == [
        *([i + 3, f"Nowhere {i}", "TX", "not in the directory"] for i in range(60)),
        [63, "Riverton", "TX", "listed twice"],
        [64, "", "TX", "missing name or unknown state"],
    ]
    assert (
        len(first.context["left_out"].page.object_list),
        len(second.context["left_out"].page.object_list),
    ) == (50, 12)
    assert dict(second.context["report"]["rejected"]) == {
        "not in the directory": 60,
        "listed twice": 1,
        "missing name or unknown state": 1,
    }


def test_rows_left_out_download_as_csv(client, coalition):
    _upload(client, coalition, dry_run=True, data=_many_missing(2))

    response = client.get(_import_url(coalition, "?format=csv"))

    assert response["Content-Disposition"] == (
        'attachment; filename="metro-alliance-members-left-out.csv"'
    )
    assert response.content.decode().splitlines() == [
        "line,name,state,reason,directory entries",
        "3,Nowhere 0,TX,not in the directory,",
        "4,Nowhere 1,TX,not in the directory,",
        "5,Riverton,TX,listed twice,riverton-tx",
        "6,,TX,missing name or unknown state,",
    ]


def test_ambiguous_rows_download_with_their_candidates(client, coalition):
    _upload(client, coalition, dry_run=True)

    response = client.get(_import_url(coalition, "?format=csv"))

    assert response.content.decode().splitlines()[1] == (
        "3,Springfield,TX,ambiguous,springfield-city-tx springfield-village-tx"
    )


def test_report_pages_without_an_upload_answer_404(client, coalition):
    admin = MembershipFactory(organisation=coalition, role=MembershipRole.ADMIN).user
    client.force_login(admin)

    responses = [client.get(_import_url(coalition, q)) for q in ("?page=2", "?format=csv")]

    assert [r.status_code for r in responses] == [404, 404]
