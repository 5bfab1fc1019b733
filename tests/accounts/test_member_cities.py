import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from citypeers.accounts import services
from citypeers.accounts.enums import MembershipRole
from citypeers.accounts.models import JurisdictionMembership, Organisation
from tests.factories.accounts import (
    CoalitionFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration

PAGE = "/accounts/organisations/alliance/cities/"


def _messages(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


def _bearer(user) -> dict:
    _, raw = services.create_api_token(user=user, name="test")
    return {"Authorization": f"Bearer {raw}"}


def _members(coalition) -> list[str]:
    return list(coalition.member_jurisdictions.order_by("slug").values_list("slug", flat=True))


@pytest.fixture
def alliance(db):
    return CoalitionFactory(slug="alliance", name="Alliance")


@pytest.fixture
def austin(db):
    return JurisdictionFactory(name="Austin", slug="austin-tx", geoid="4805000", population=960_000)


@pytest.fixture
def organiser(db):
    return UserFactory(is_network_organiser=True)


# Services


def test_add_member_city_records_who_added_it(alliance, austin, organiser):
    row = services.add_member_city(organisation=alliance, jurisdiction=austin, actor=organiser)

    last = Organisation.history.filter(id=alliance.pk).order_by("history_id").last()
    assert (row.organisation, row.jurisdiction) == (alliance, austin)
    assert (last.history_user, last.history_change_reason) == (
        organiser,
        "Added member city: Austin, TX",
    )


def test_add_member_city_refuses_a_duplicate(alliance, austin):
    services.add_member_city(organisation=alliance, jurisdiction=austin)

    with pytest.raises(ValidationError) as error:
        services.add_member_city(organisation=alliance, jurisdiction=austin)

    assert error.value.message_dict == {
        "jurisdiction": ["Austin, TX is already a member of Alliance."]
    }
    assert JurisdictionMembership.objects.count() == 1


def test_add_member_city_only_for_coalitions(austin):
    partner = OrganisationFactory(name="Fund")

    with pytest.raises(ValidationError) as error:
        services.add_member_city(organisation=partner, jurisdiction=austin)

    assert error.value.messages == ["Only coalitions and networks have member cities."]


def test_remove_member_city_records_who_removed_it(alliance, austin, organiser):
    services.add_member_city(organisation=alliance, jurisdiction=austin)

    services.remove_member_city(organisation=alliance, jurisdiction=austin, actor=organiser)

    last = Organisation.history.filter(id=alliance.pk).order_by("history_id").last()
    assert _members(alliance) == []
    assert (last.history_user, last.history_change_reason) == (
        organiser,
        "Removed member city: Austin, TX",
    )


def test_remove_member_city_refuses_a_city_that_is_not_a_member(alliance, austin):
    with pytest.raises(ValidationError) as error:
        services.remove_member_city(organisation=alliance, jurisdiction=austin)

    assert error.value.messages == ["Austin, TX is not a member of Alliance."]


# Web: the page


def test_organisation_page_links_managers_to_the_member_cities(client, alliance, organiser):
    client.force_login(organiser)

    html = client.get("/accounts/organisations/alliance/").content.decode()

    assert html.count(f'href="{PAGE}"') == 1


def test_organisation_page_hides_the_link_from_others(client, alliance):
    client.force_login(MembershipFactory(organisation=alliance).user)

    html = client.get("/accounts/organisations/alliance/").content.decode()

    assert html.count(f'href="{PAGE}"') == 0


def test_member_cities_page_lists_members_by_state_and_name(client, alliance, organiser):
    for name, state in [("Waco", "TX"), ("Aurora", "CO"), ("Austin", "TX")]:
        services.add_member_city(
            organisation=alliance,
            jurisdiction=JurisdictionFactory(
                name=name, state=state, slug=f"{name.lower()}-{state.lower()}"
            ),
        )
    client.force_login(organiser)

    response = client.get(PAGE)

    assert response.status_code == 200
    assert [str(r.jurisdiction) for r in response.context["result"].page] == [
        "Aurora, CO",
        "Austin, TX",
        "Waco, TX",
    ]


def test_member_cities_page_paginates(client, alliance, organiser):
    for n in range(27):
        services.add_member_city(
            organisation=alliance, jurisdiction=JurisdictionFactory(name=f"Town {n:02d}")
        )
    client.force_login(organiser)

    response = client.get(PAGE + "?page=2")

    assert [r.jurisdiction.name for r in response.context["result"].page] == ["Town 25", "Town 26"]


@pytest.mark.parametrize("count", [1, 3])
def test_member_cities_page_query_count_is_constant(
    client, alliance, organiser, django_assert_num_queries, count
):
    for _ in range(count):
        services.add_member_city(organisation=alliance, jurisdiction=JurisdictionFactory())
    client.force_login(organiser)

    # session, user, organisation, caller's roles, count, page
    with django_assert_num_queries(6):
        response = client.get(PAGE)

    assert len(response.context["result"].page) == count


def test_member_cities_search_offers_matching_cities_biggest_first(
    client, alliance, austin, organiser
):
    JurisdictionFactory(name="Austinburg", slug="austinburg-oh", state="OH", population=500)
    JurisdictionFactory(name="Dallas", slug="dallas-tx")
    services.add_member_city(organisation=alliance, jurisdiction=austin)
    client.force_login(organiser)

    response = client.get(
        PAGE + "?q=austin", headers={"HX-Request": "true", "HX-Target": "city-candidates"}
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="city-candidates"')
    assert html.count("<strong>") == 2
    assert html.index("<strong>Austin, TX</strong>") < html.index("<strong>Austinburg, OH</strong>")
    assert html.count('name="jurisdiction" value="austinburg-oh"') == 1
    assert html.count('value="austin-tx"') == 0
    assert html.count("Already a member") == 1


def test_member_cities_search_needs_two_letters(client, alliance, austin, organiser):
    client.force_login(organiser)

    response = client.get(PAGE + "?q=a")

    assert response.context["candidates"] == []


def test_member_cities_page_for_a_plain_member_is_403(client, alliance):
    client.force_login(MembershipFactory(organisation=alliance).user)

    assert client.get(PAGE).status_code == 403


def test_member_cities_page_for_the_coalitions_admin(client, alliance):
    admin = MembershipFactory(organisation=alliance, role=MembershipRole.ADMIN).user
    client.force_login(admin)

    assert client.get(PAGE).status_code == 200


def test_member_cities_page_of_a_partner_is_404(client, organiser):
    OrganisationFactory(slug="fund")
    client.force_login(organiser)

    assert client.get("/accounts/organisations/fund/cities/").status_code == 404


# Web: add and remove


def test_add_city_by_post(client, alliance, austin, organiser):
    client.force_login(organiser)

    response = client.post(PAGE + "add/", {"jurisdiction": "austin-tx"})

    assert (response.status_code, response["Location"]) == (302, PAGE)
    assert _messages(response) == ["Austin, TX is now a member of Alliance."]
    assert _members(alliance) == ["austin-tx"]


def test_add_city_twice_says_so(client, alliance, austin, organiser):
    services.add_member_city(organisation=alliance, jurisdiction=austin)
    client.force_login(organiser)

    response = client.post(PAGE + "add/", {"jurisdiction": "austin-tx"})

    assert _messages(response) == ["Austin, TX is already a member of Alliance."]
    assert _members(alliance) == ["austin-tx"]


def test_add_unknown_city_says_so(client, alliance, organiser):
    client.force_login(organiser)

    response = client.post(PAGE + "add/", {"jurisdiction": "atlantis-xx"})

    assert _messages(response) == ["Choose a city from the search results."]
    assert _members(alliance) == []


def test_add_city_as_a_plain_member_is_403(client, alliance, austin):
    client.force_login(MembershipFactory(organisation=alliance, role=MembershipRole.EDITOR).user)

    response = client.post(PAGE + "add/", {"jurisdiction": "austin-tx"})

    assert (response.status_code, _members(alliance)) == (403, [])


def test_remove_city_asks_for_confirmation(client, alliance, austin, organiser):
    services.add_member_city(organisation=alliance, jurisdiction=austin)
    client.force_login(organiser)

    response = client.get(PAGE + "austin-tx/remove/")

    assert response.status_code == 200
    assert "Remove Austin, TX?" in response.content.decode()
    assert _members(alliance) == ["austin-tx"]


def test_remove_city_by_post(client, alliance, austin, organiser):
    services.add_member_city(organisation=alliance, jurisdiction=austin)
    client.force_login(organiser)

    response = client.post(PAGE + "austin-tx/remove/")

    assert (response.status_code, response["Location"]) == (302, PAGE)
    assert _messages(response) == ["Austin, TX is no longer a member of Alliance."]
    assert _members(alliance) == []


def test_remove_city_that_is_not_a_member_is_404(client, alliance, austin, organiser):
    client.force_login(organiser)

    assert client.post(PAGE + "austin-tx/remove/").status_code == 404


def test_add_and_remove_need_the_csrf_token(alliance, austin, organiser):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(organiser)

    response = browser.post(PAGE + "add/", {"jurisdiction": "austin-tx"})

    assert (response.status_code, _members(alliance)) == (403, [])


def test_city_profile_shows_the_coalition_once_added_through_the_page(
    client, alliance, austin, organiser
):
    visitor = Client()
    before = visitor.get("/directory/austin-tx/").content.decode()
    client.force_login(organiser)

    client.post(PAGE + "add/", {"jurisdiction": "austin-tx"})
    after = visitor.get("/directory/austin-tx/").content.decode()
    client.post(PAGE + "austin-tx/remove/")
    removed = visitor.get("/directory/austin-tx/").content.decode()

    link = 'href="/accounts/organisations/alliance/"'
    assert (before.count(link), after.count(link), removed.count(link)) == (0, 1, 0)


# API


def test_add_city_by_api_with_a_geoid(client, alliance, austin, organiser):
    response = client.post(
        "/api/v1/organisations/alliance/cities",
        {"jurisdiction": "4805000"},
        content_type="application/json",
        headers=_bearer(organiser),
    )

    assert response.status_code == 201
    assert response.json() == {
        "jurisdiction": {"slug": "austin-tx", "name": "Austin", "state": "TX", "geoid": "4805000"},
        "joined_on": None,
    }
    assert _members(alliance) == ["austin-tx"]


def test_add_city_by_api_with_a_slug_as_the_coalitions_admin(client, alliance, austin):
    admin = MembershipFactory(organisation=alliance, role=MembershipRole.ADMIN).user

    response = client.post(
        "/api/v1/organisations/alliance/cities",
        {"jurisdiction": "austin-tx"},
        content_type="application/json",
        headers=_bearer(admin),
    )

    assert (response.status_code, _members(alliance)) == (201, ["austin-tx"])


def test_add_city_by_api_twice_is_400(client, alliance, austin, organiser):
    services.add_member_city(organisation=alliance, jurisdiction=austin)

    response = client.post(
        "/api/v1/organisations/alliance/cities",
        {"jurisdiction": "austin-tx"},
        content_type="application/json",
        headers=_bearer(organiser),
    )

    assert (response.status_code, response.json()["detail"]) == (
        400,
        "Austin, TX is already a member of Alliance.",
    )


def test_add_unknown_city_by_api_is_400(client, alliance, organiser):
    response = client.post(
        "/api/v1/organisations/alliance/cities",
        {"jurisdiction": "9999999"},
        content_type="application/json",
        headers=_bearer(organiser),
    )

    assert (response.status_code, response.json()["detail"]) == (400, "No city “9999999”.")


def test_add_city_by_api_to_a_partner_is_400(client, austin, organiser):
    OrganisationFactory(slug="fund")

    response = client.post(
        "/api/v1/organisations/fund/cities",
        {"jurisdiction": "austin-tx"},
        content_type="application/json",
        headers=_bearer(organiser),
    )

    assert (response.status_code, response.json()["detail"]) == (
        400,
        "Only coalitions and networks have member cities.",
    )


def test_add_city_by_api_as_a_member_is_403(client, alliance, austin):
    member = MembershipFactory(organisation=alliance, role=MembershipRole.EDITOR).user

    response = client.post(
        "/api/v1/organisations/alliance/cities",
        {"jurisdiction": "austin-tx"},
        content_type="application/json",
        headers=_bearer(member),
    )

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "Only the coalition's administrators manage its member cities."},
    )


def test_remove_city_by_api_with_a_geoid(client, alliance, austin, organiser):
    services.add_member_city(organisation=alliance, jurisdiction=austin)

    response = client.delete(
        "/api/v1/organisations/alliance/cities/4805000", headers=_bearer(organiser)
    )

    assert (response.status_code, _members(alliance)) == (204, [])


@pytest.mark.parametrize("key", ["austin-tx", "atlantis-xx"])
def test_remove_city_by_api_that_is_not_a_member_is_404(client, alliance, austin, organiser, key):
    response = client.delete(
        f"/api/v1/organisations/alliance/cities/{key}", headers=_bearer(organiser)
    )

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})
