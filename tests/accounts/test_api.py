import pytest
from django.core import mail
from django.test import Client

from citypeers.accounts import services
from citypeers.accounts.enums import MembershipRole, PartnerType
from citypeers.accounts.models import Invitation
from tests.factories.accounts import (
    CoalitionFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration


def _bearer(user) -> dict:
    _, raw = services.create_api_token(user=user, name="test")
    return {"Authorization": f"Bearer {raw}"}


def test_me_with_a_token(client, db):
    membership = MembershipFactory(
        user=UserFactory(email="ann@example.org", full_name="Ann", expertise="GIS, open data"),
        organisation=OrganisationFactory(slug="fund", name="Fund"),
        role=MembershipRole.EDITOR,
    )

    response = client.get("/api/v1/me", headers=_bearer(membership.user))

    assert response.status_code == 200
    assert response.json() == {
        "email": "ann@example.org",
        "full_name": "Ann",
        "job_title": "",
        "expertise": ["GIS", "open data"],
        "is_network_organiser": False,
        "is_site_admin": False,
        "memberships": [
            {
                "organisation": "fund",
                "organisation_name": "Fund",
                "kind": "partner",
                "role": "editor",
            }
        ],
    }


def test_me_without_credentials_is_401(client, db):
    response = client.get("/api/v1/me")

    assert (response.status_code, response.json()) == (401, {"detail": "Unauthorized"})


def test_me_with_a_revoked_token_is_401(client, user):
    token, raw = services.create_api_token(user=user, name="t")
    services.revoke_api_token(token=token)

    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 401


def test_me_with_a_garbage_token_is_401(client, db):
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer " + "x" * 5000})

    assert response.status_code == 401


def test_organisation_list_is_paginated(client, db):
    for n in range(3):
        OrganisationFactory(name=f"Org {n}")

    body = client.get("/api/v1/organisations?page=2&page_size=2").json()

    assert (body["count"], body["page"], body["page_size"]) == (3, 2, 2)
    assert [o["name"] for o in body["results"]] == ["Org 2"]


def test_organisation_list_filters(client, db):
    OrganisationFactory(name="Fund", partner_type=PartnerType.FOUNDATION)
    OrganisationFactory(name="College", partner_type=PartnerType.UNIVERSITY)
    CoalitionFactory(name="Alliance")

    body = client.get("/api/v1/organisations?kind=partner&partner_type=university").json()

    assert [o["name"] for o in body["results"]] == ["College"]


def test_organisation_list_rejects_an_unknown_kind(client, db):
    response = client.get("/api/v1/organisations?kind=spaceship")

    assert response.status_code == 422
    assert response.json()["detail"].startswith("kind: Input should be")


@pytest.mark.parametrize("count", [1, 3])
def test_organisation_list_api_query_count_is_constant(
    client, db, django_assert_num_queries, count
):
    for _ in range(count):
        MembershipFactory(organisation=OrganisationFactory())

    with django_assert_num_queries(2):
        response = client.get("/api/v1/organisations")

    assert len(response.json()["results"]) == count


def test_organisation_detail_hides_members_from_outsiders(client, db):
    membership = MembershipFactory(organisation=OrganisationFactory(slug="fund"))

    body = client.get("/api/v1/organisations/fund", headers=_bearer(UserFactory())).json()

    assert (body["members"], body["member_count"]) == (None, 1)
    assert membership.user.email not in str(body)


def test_organisation_detail_shows_members_to_members(client, db):
    membership = MembershipFactory(organisation=OrganisationFactory(slug="fund"))

    body = client.get("/api/v1/organisations/fund", headers=_bearer(membership.user)).json()

    assert [m["email"] for m in body["members"]] == [membership.user.email]


def test_organisation_detail_missing_is_404(client, db):
    response = client.get("/api/v1/organisations/nope")

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


def test_invite_by_api_sends_the_email(client, db):
    admin = MembershipFactory(
        organisation=OrganisationFactory(slug="fund"), role=MembershipRole.ADMIN
    ).user

    response = client.post(
        "/api/v1/organisations/fund/invitations",
        {"email": "New@Example.org", "role": "editor"},
        content_type="application/json",
        headers=_bearer(admin),
    )

    body = response.json()
    assert response.status_code == 201
    assert (body["email"], body["role"], body["status"], body["organisation"]) == (
        "new@example.org",
        "editor",
        "pending",
        "fund",
    )
    assert mail.outbox[0].to == ["new@example.org"]


def test_invite_by_api_as_a_plain_member_is_403(client, db):
    member = MembershipFactory(organisation=OrganisationFactory(slug="fund")).user

    response = client.post(
        "/api/v1/organisations/fund/invitations",
        {"email": "x@example.org"},
        content_type="application/json",
        headers=_bearer(member),
    )

    assert response.status_code == 403
    assert response.json() == {"detail": "Only the organisation's administrators invite people."}
    assert Invitation.objects.count() == 0


def test_invite_by_api_with_a_bad_email_is_400(client, db):
    organiser = UserFactory(is_network_organiser=True)
    OrganisationFactory(slug="fund")

    response = client.post(
        "/api/v1/organisations/fund/invitations",
        {"email": "not an email"},
        content_type="application/json",
        headers=_bearer(organiser),
    )

    assert response.status_code == 400
    assert response.json()["detail"] == "Enter a valid email address."


def test_invite_by_api_with_a_bad_role_is_422(client, db):
    organiser = UserFactory(is_network_organiser=True)
    OrganisationFactory(slug="fund")

    response = client.post(
        "/api/v1/organisations/fund/invitations",
        {"email": "a@example.org", "role": "emperor"},
        content_type="application/json",
        headers=_bearer(organiser),
    )

    assert response.status_code == 422


def test_invite_by_api_with_a_broken_body_is_4xx(client, db):
    organiser = UserFactory(is_network_organiser=True)
    OrganisationFactory(slug="fund")

    response = client.post(
        "/api/v1/organisations/fund/invitations",
        "{not json",
        content_type="application/json",
        headers=_bearer(organiser),
    )

    assert response.status_code == 400
    assert "detail" in response.json()


def test_session_write_without_csrf_token_is_refused(db):
    organiser = UserFactory(is_network_organiser=True)
    OrganisationFactory(slug="fund")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(organiser)

    response = browser.post(
        "/api/v1/organisations/fund/invitations",
        {"email": "a@example.org"},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert Invitation.objects.count() == 0


def test_session_write_with_csrf_token_is_accepted(db):
    organiser = UserFactory(is_network_organiser=True)
    OrganisationFactory(slug="fund")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(organiser)
    browser.get("/accounts/account/")  # sets the CSRF cookie
    token = browser.cookies["csrftoken"].value

    response = browser.post(
        "/api/v1/organisations/fund/invitations",
        {"email": "a@example.org"},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )

    assert response.status_code == 201


def test_token_write_needs_no_csrf_token(db):
    organiser = UserFactory(is_network_organiser=True)
    OrganisationFactory(slug="fund")
    script = Client(enforce_csrf_checks=True)

    response = script.post(
        "/api/v1/organisations/fund/invitations",
        {"email": "a@example.org"},
        content_type="application/json",
        headers=_bearer(organiser),
    )

    assert response.status_code == 201


@pytest.mark.parametrize("count", [1, 3])
def test_organisation_detail_api_query_count_is_constant(
    client, db, django_assert_num_queries, count
):
    coalition = CoalitionFactory(slug="alliance")
    organiser = UserFactory(is_network_organiser=True)
    for _ in range(count):
        MembershipFactory(organisation=coalition)
        services.add_network_member(organisation=coalition, jurisdiction=JurisdictionFactory())
    headers = _bearer(organiser)

    # token, its last-used stamp, caller's roles, organisation, members, member jurisdictions
    with django_assert_num_queries(6):
        body = client.get("/api/v1/organisations/alliance", headers=headers).json()

    assert (len(body["members"]), len(body["member_jurisdictions"])) == (count, count)
