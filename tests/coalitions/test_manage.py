"""Running a coalition and a partnership: services, pages and API (profile, partners, projects,
partnership), with stale saves refused and the same 404 for outsiders."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from citypeers.accounts.enums import MembershipRole
from citypeers.coalitions import services
from citypeers.coalitions.models import CoalitionPartner, CoalitionProject
from citypeers.core.services import StaleEdit
from tests.factories.accounts import CoalitionFactory, MembershipFactory, OrganisationFactory
from tests.factories.coalitions import (
    CoalitionPartnerFactory,
    CoalitionProfileFactory,
    CoalitionProjectFactory,
    PartnershipFactory,
)
from tests.factories.knowledge import ChallengeAreaFactory

pytestmark = pytest.mark.integration

JSON = "application/json"


class Alliance:
    """A coalition with a profile, its administrator and a plain member (an editor)."""

    def __init__(self):
        self.coalition = CoalitionFactory(slug="metro-alliance", name="Metro Alliance")
        self.profile = CoalitionProfileFactory(organisation=self.coalition, mission="Before")
        self.admin = MembershipFactory(organisation=self.coalition, role=MembershipRole.ADMIN).user
        self.editor = MembershipFactory(
            organisation=self.coalition, role=MembershipRole.EDITOR
        ).user
        self.university = OrganisationFactory(slug="state-university", name="State University")


@pytest.fixture
def alliance(db):
    return Alliance()


def _patch(client, url, body, **headers):
    return client.patch(url, data=json.dumps(body), content_type=JSON, headers=headers)


# --- services ---------------------------------------------------------------------------------


def test_profile_save_records_the_admin_in_history(alliance):
    services.save_coalition_profile(
        coalition=alliance.coalition,
        actor=alliance.admin,
        expected_version=1,
        mission="After",
        region_metro="Dallas-Fort Worth",
    )

    alliance.profile.refresh_from_db()
    latest = alliance.profile.history.first()
    assert (alliance.profile.mission, alliance.profile.region_metro) == (
        "After",
        "Dallas-Fort Worth",
    )
    assert (alliance.profile.version, latest.history_user) == (2, alliance.admin)


def test_profile_save_from_a_stale_version_writes_nothing(alliance):
    services.save_coalition_profile(
        coalition=alliance.coalition, actor=alliance.admin, expected_version=1, mission="First"
    )

    with pytest.raises(StaleEdit) as caught:
        services.save_coalition_profile(
            coalition=alliance.coalition,
            actor=alliance.admin,
            expected_version=1,
            mission="Second",
        )

    alliance.profile.refresh_from_db()
    assert (caught.value.current_version, alliance.profile.mission) == (2, "First")


def test_coalition_editor_may_not_change_the_profile(alliance):
    with pytest.raises(PermissionDenied):
        services.save_coalition_profile(
            coalition=alliance.coalition, actor=alliance.editor, mission="Mine"
        )


def test_partner_role_changes_in_place_and_removal_keeps_the_organisation(alliance):
    services.set_coalition_partner(
        coalition=alliance.coalition,
        partner=alliance.university,
        role="Research",
        actor=alliance.admin,
    )
    row = services.set_coalition_partner(
        coalition=alliance.coalition, partner=alliance.university, role="Host", actor=alliance.admin
    )
    roles = list(CoalitionPartner.objects.values_list("role", flat=True))

    services.remove_coalition_partner(row=row, actor=alliance.admin)

    assert roles == ["Host"]
    assert (CoalitionPartner.objects.count(), alliance.university.pk is not None) == (0, True)


def test_coalition_cannot_be_its_own_partner(alliance):
    with pytest.raises(ValidationError) as caught:
        services.set_coalition_partner(
            coalition=alliance.coalition,
            partner=alliance.coalition,
            role="Self",
            actor=alliance.admin,
        )

    assert caught.value.message_dict == {"partner": ["A coalition cannot be its own partner."]}


def test_partnership_organiser_admin_edits_agenda_but_not_organisers(alliance):
    organiser = OrganisationFactory()
    MembershipFactory(organisation=organiser, role=MembershipRole.ADMIN, user=alliance.editor)
    partnership = PartnershipFactory(coalitions=[alliance.coalition, CoalitionFactory()])
    partnership.organisers.set([organiser])
    area = ChallengeAreaFactory(slug="mobility", name="Mobility")

    services.update_partnership(
        partnership=partnership, actor=alliance.editor, expected_version=1, agenda=[area]
    )
    with pytest.raises(PermissionDenied):
        services.update_partnership(
            partnership=partnership, actor=alliance.editor, organisers=[OrganisationFactory()]
        )

    assert ([a.slug for a in partnership.agenda.all()], partnership.version) == (["mobility"], 2)


# --- pages ------------------------------------------------------------------------------------


def test_coalition_page_offers_management_links_to_its_admin_only(client, alliance):
    url = reverse("coalitions:coalition", kwargs={"slug": "metro-alliance"})
    client.force_login(alliance.editor)
    as_editor = client.get(url).context["can_manage"]
    client.force_login(alliance.admin)

    response = client.get(url)

    assert (as_editor, response.context["can_manage"]) == (False, True)
    assert response.content.decode().count('href="/coalitions/c/metro-alliance/edit/"') == 1


def test_profile_form_saves_states_as_codes(client, alliance):
    client.force_login(alliance.admin)

    response = client.post(
        reverse("coalitions:coalition-edit", kwargs={"slug": "metro-alliance"}),
        {"mission": "Shared work", "region_states": "tx, ok", "version": 1},
    )

    alliance.profile.refresh_from_db()
    assert response.status_code == 302
    assert alliance.profile.region_states == ["OK", "TX"]


def test_stale_profile_form_shows_both_versions_and_keeps_typed_values(client, alliance):
    services.save_coalition_profile(
        coalition=alliance.coalition, actor=alliance.admin, mission="Theirs"
    )
    client.force_login(alliance.admin)

    response = client.post(
        reverse("coalitions:coalition-edit", kwargs={"slug": "metro-alliance"}),
        {"mission": "Mine", "region_states": "TX", "version": 1},
    )

    differences = [(d.label, d.theirs, d.yours) for d in response.context["stale"]["differences"]]
    assert response.status_code == 200
    assert differences == [("Mission", "Theirs", "Mine")]


def test_editor_gets_404_on_the_partners_page(client, alliance):
    client.force_login(alliance.editor)

    response = client.get(reverse("coalitions:partners", kwargs={"slug": "metro-alliance"}))

    assert response.status_code == 404


def test_admin_adds_a_partner_from_the_page(client, alliance):
    client.force_login(alliance.admin)

    response = client.post(
        reverse("coalitions:partners", kwargs={"slug": "metro-alliance"}),
        {"partner": alliance.university.pk, "role": "Data partner"},
    )

    assert response.status_code == 302
    assert list(CoalitionPartner.objects.values_list("partner__slug", "role")) == [
        ("state-university", "Data partner")
    ]


def test_admin_adds_then_removes_a_project(client, alliance):
    client.force_login(alliance.admin)
    client.post(
        reverse("coalitions:project-new", kwargs={"slug": "metro-alliance"}),
        {"title": "Corridor sensors", "description": "Air quality"},
    )
    project = CoalitionProject.objects.get()

    client.post(
        reverse("coalitions:project-delete", kwargs={"slug": "metro-alliance", "pk": project.pk})
    )

    assert (project.title, CoalitionProject.objects.count()) == ("Corridor sensors", 0)


# --- API --------------------------------------------------------------------------------------


def test_api_patch_profile_with_stale_if_match_answers_409(client, alliance):
    services.save_coalition_profile(
        coalition=alliance.coalition, actor=alliance.admin, mission="Theirs"
    )
    client.force_login(alliance.admin)

    response = _patch(
        client,
        reverse("api:coalition_update", kwargs={"slug": "metro-alliance"}),
        {"mission": "Mine"},
        **{"If-Match": 'W/"1"'},
    )

    assert (response.status_code, response.json()["current_version"]) == (409, 2)
    assert response.headers["ETag"] == 'W/"2"'


def test_api_patch_profile_answers_new_etag(client, alliance):
    client.force_login(alliance.admin)

    response = _patch(
        client,
        reverse("api:coalition_update", kwargs={"slug": "metro-alliance"}),
        {"version": 1, "region_states": ["co"], "region_metro": "Denver"},
    )

    body = response.json()
    assert (body["region_states"], body["region_metro"], body["version"]) == (["CO"], "Denver", 2)
    assert response.headers["ETag"] == 'W/"2"'


def test_api_patch_profile_refuses_unknown_fields(client, alliance):
    client.force_login(alliance.admin)

    response = _patch(
        client,
        reverse("api:coalition_update", kwargs={"slug": "metro-alliance"}),
        {"misison": "typo"},
    )

    assert response.status_code == 422


def test_api_project_create_update_and_stale_update(client, alliance):
    client.force_login(alliance.admin)
    area = ChallengeAreaFactory(slug="energy", name="Energy")
    created = client.post(
        reverse("api:coalition_project_create", kwargs={"slug": "metro-alliance"}),
        data=json.dumps({"title": "Microgrids", "area": "energy"}),
        content_type=JSON,
    ).json()
    url = reverse(
        "api:coalition_project_update",
        kwargs={"slug": "metro-alliance", "project_id": created["id"]},
    )

    first = _patch(client, url, {"version": 1, "title": "Microgrids pilot", "area": None})
    stale = _patch(client, url, {"version": 1, "title": "Other"})

    assert (created["area"], area.slug) == ("energy", "energy")
    assert (first.json()["title"], first.json()["area"], first.json()["version"]) == (
        "Microgrids pilot",
        None,
        2,
    )
    assert stale.status_code == 409


def test_api_partner_of_unknown_slug_answers_400(client, alliance):
    client.force_login(alliance.admin)

    response = client.post(
        reverse("api:coalition_partner_create", kwargs={"slug": "metro-alliance"}),
        data=json.dumps({"partner": "nobody"}),
        content_type=JSON,
    )

    assert (response.status_code, response.json()["detail"]) == (
        400,
        "No partner organisation “nobody”.",
    )


def test_api_partnership_patch_by_outsider_answers_404(client, alliance):
    partnership = PartnershipFactory(coalitions=[alliance.coalition, CoalitionFactory()])
    client.force_login(alliance.admin)

    response = _patch(
        client,
        reverse("api:partnership_update", kwargs={"slug": partnership.slug}),
        {"description": "Mine"},
    )

    assert response.status_code == 404


# --- query counts -----------------------------------------------------------------------------

LISTS = [
    ("coalitions:partners", "partners", 6),
    ("api:coalition_partner_list", "partners", 4),
    ("api:coalition_project_list", "projects", 4),
    ("coalitions:coalition", "both", 9),
]


@pytest.mark.parametrize(("name", "rows", "expected"), LISTS, ids=[c[0] for c in LISTS])
@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_is_constant(
    client, alliance, django_assert_num_queries, name, rows, expected, count
):
    for _ in range(count):
        if rows in {"partners", "both"}:
            CoalitionPartnerFactory(coalition=alliance.coalition)
        if rows in {"projects", "both"}:
            CoalitionProjectFactory(coalition=alliance.coalition, area=ChallengeAreaFactory())
    client.force_login(alliance.admin)
    url = reverse(name, kwargs={"slug": "metro-alliance"})
    client.get(url)  # warm the session

    with django_assert_num_queries(expected):
        response = client.get(url)

    assert response.status_code == 200


def test_partnership_form_keeps_a_sub_area_on_the_agenda(client, alliance):
    organiser = OrganisationFactory()
    MembershipFactory(organisation=organiser, role=MembershipRole.ADMIN, user=alliance.editor)
    other = CoalitionFactory()
    partnership = PartnershipFactory(coalitions=[alliance.coalition, other])
    partnership.organisers.set([organiser])
    sub_area = ChallengeAreaFactory(
        slug="open-data", name="Open data", parent=ChallengeAreaFactory(name="Data")
    )
    client.force_login(alliance.editor)

    response = client.post(
        reverse("coalitions:partnership-edit", kwargs={"slug": partnership.slug}),
        {
            "name": "Renamed",
            "coalitions": [alliance.coalition.pk, other.pk],
            "agenda": [sub_area.pk],
            "version": 1,
        },
    )

    partnership.refresh_from_db()
    assert response.status_code == 302
    assert (partnership.name, [a.slug for a in partnership.agenda.all()]) == (
        "Renamed",
        ["open-data"],
    )
