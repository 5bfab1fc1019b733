from datetime import timedelta

import pytest
from django.utils import timezone

from citypeers.accounts import services
from citypeers.accounts.enums import MembershipRole
from citypeers.accounts.models import Invitation
from tests.factories.accounts import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.integration

URL = "/api/v1/organisations/fund/invitations"


def _bearer(user) -> dict:
    _, raw = services.create_api_token(user=user, name="test")
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def fund(db):
    return OrganisationFactory(slug="fund", name="Fund")


@pytest.fixture
def admin(fund):
    return MembershipFactory(
        organisation=fund,
        role=MembershipRole.ADMIN,
        user=UserFactory(full_name="Ada Admin"),
    ).user


def test_invitation_list_shows_pending_invitations_newest_first(client, fund, admin):
    now = timezone.now()
    older = InvitationFactory(organisation=fund, email="older@example.org", invited_by=admin)
    newer = InvitationFactory(
        organisation=fund, email="newer@example.org", role=MembershipRole.EDITOR
    )
    Invitation.objects.filter(pk=older.pk).update(created_at=now - timedelta(days=2))
    InvitationFactory(organisation=fund, accepted_at=now)
    InvitationFactory(organisation=fund, revoked_at=now)
    InvitationFactory(organisation=fund, expires_at=now - timedelta(minutes=1))
    InvitationFactory(email="elsewhere@example.org")

    body = client.get(URL, headers=_bearer(admin)).json()

    assert (body["count"], body["page"], body["page_size"]) == (2, 1, 25)
    assert [
        (i["id"], i["email"], i["role"], i["status"], i["organisation"], i["invited_by"])
        for i in body["results"]
    ] == [
        (newer.pk, "newer@example.org", "editor", "pending", "fund", None),
        (older.pk, "older@example.org", "member", "pending", "fund", "Ada Admin"),
    ]


def test_invitation_list_never_exposes_the_token(client, fund, admin):
    invitation, raw = services.create_invitation(
        organisation=fund, email="new@example.org", role="member", invited_by=admin
    )

    body = client.get(URL, headers=_bearer(admin)).json()

    assert sorted(body["results"][0]) == [
        "created_at",
        "email",
        "expires_at",
        "id",
        "invited_by",
        "organisation",
        "role",
        "sent_at",
        "status",
    ]
    assert raw not in str(body)
    assert invitation.token_hash not in str(body)


def test_invitation_list_is_paginated(client, fund, admin):
    for n in range(3):
        InvitationFactory(organisation=fund, email=f"p{n}@example.org")

    body = client.get(URL + "?page=2&page_size=2", headers=_bearer(admin)).json()

    assert (body["count"], len(body["results"])) == (3, 1)


def test_invitation_list_for_a_network_organiser(client, fund):
    InvitationFactory(organisation=fund)

    response = client.get(URL, headers=_bearer(UserFactory(is_network_organiser=True)))

    assert (response.status_code, response.json()["count"]) == (200, 1)


@pytest.mark.parametrize("role", [MembershipRole.MEMBER, MembershipRole.EDITOR])
def test_invitation_list_refuses_members_who_do_not_administer(client, fund, role):
    InvitationFactory(organisation=fund, email="secret@example.org")
    member = MembershipFactory(organisation=fund, role=role).user

    response = client.get(URL, headers=_bearer(member))

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "Only the organisation's administrators see its invitations."},
    )


def test_invitation_list_refuses_the_admin_of_another_organisation(client, fund):
    other_admin = MembershipFactory(role=MembershipRole.ADMIN).user

    response = client.get(URL, headers=_bearer(other_admin))

    assert response.status_code == 403


def test_invitation_list_of_a_missing_organisation_is_404(client, admin):
    response = client.get("/api/v1/organisations/nope/invitations", headers=_bearer(admin))

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


def test_invitation_list_without_credentials_is_401(client, fund):
    assert client.get(URL).status_code == 401


@pytest.mark.parametrize("count", [1, 3])
def test_invitation_list_query_count_is_constant(
    client, fund, admin, django_assert_num_queries, count
):
    for _ in range(count):
        InvitationFactory(organisation=fund, invited_by=UserFactory())
    headers = _bearer(admin)

    # token, its last-used stamp, caller's roles, organisation, count, page
    with django_assert_num_queries(6):
        body = client.get(URL, headers=headers).json()

    assert len(body["results"]) == count


def test_invitation_revoke_by_api_stops_the_link(client, fund, admin):
    invitation = InvitationFactory(organisation=fund)

    response = client.delete(f"{URL}/{invitation.pk}", headers=_bearer(admin))

    invitation.refresh_from_db()
    assert (response.status_code, response.content) == (204, b"")
    assert invitation.status == "revoked"


def test_invitation_revoke_by_api_of_an_accepted_invitation_is_400(client, fund, admin):
    invitation = InvitationFactory(organisation=fund, accepted_at=timezone.now())

    response = client.delete(f"{URL}/{invitation.pk}", headers=_bearer(admin))

    assert (response.status_code, response.json()["detail"]) == (
        400,
        "This invitation was already accepted; remove the member instead.",
    )


def test_invitation_revoke_by_api_of_another_organisations_invitation_is_404(client, fund, admin):
    elsewhere = InvitationFactory()

    response = client.delete(f"{URL}/{elsewhere.pk}", headers=_bearer(admin))

    elsewhere.refresh_from_db()
    assert (response.status_code, elsewhere.revoked_at) == (404, None)


def test_invitation_revoke_by_api_as_a_plain_member_is_403(client, fund):
    invitation = InvitationFactory(organisation=fund)
    member = MembershipFactory(organisation=fund).user

    response = client.delete(f"{URL}/{invitation.pk}", headers=_bearer(member))

    invitation.refresh_from_db()
    assert (response.status_code, invitation.revoked_at) == (403, None)
