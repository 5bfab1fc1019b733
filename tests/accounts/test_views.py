import re

import pytest
from django.core import mail
from django.urls import reverse

from citypeers.accounts import services
from citypeers.accounts.enums import MembershipRole, OrganisationKind, PartnerType
from citypeers.accounts.models import ApiToken, Invitation, Membership, Organisation
from citypeers.core.tokens import hash_token
from tests.factories.accounts import (
    ApiTokenFactory,
    CoalitionFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration


def _messages(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


# Organisation list


def test_organisation_list_filters_by_kind(client, db):
    OrganisationFactory(name="Fund")
    CoalitionFactory(name="Alliance")

    response = client.get("/accounts/organisations/?kind=coalition")

    assert [o.name for o in response.context["result"].page] == ["Alliance"]


def test_organisation_list_filters_by_partner_type(client, db):
    OrganisationFactory(name="Fund", partner_type=PartnerType.FOUNDATION)
    OrganisationFactory(name="College", partner_type=PartnerType.UNIVERSITY)

    response = client.get("/accounts/organisations/?partner_type=university")

    assert [o.name for o in response.context["result"].page] == ["College"]


def test_organisation_list_ignores_unknown_filter_values(client, db):
    OrganisationFactory(name="Fund")

    response = client.get("/accounts/organisations/?kind=spaceship&page=zzz")

    assert response.status_code == 200
    assert [o.name for o in response.context["result"].page] == ["Fund"]


def test_organisation_list_paginates(client, db):
    for n in range(27):
        OrganisationFactory(name=f"Org {n:02d}")

    response = client.get("/accounts/organisations/?page=2")

    assert [o.name for o in response.context["result"].page] == ["Org 25", "Org 26"]


@pytest.mark.parametrize("count", [1, 3])
def test_organisation_list_query_count_is_constant(client, db, django_assert_num_queries, count):
    for _ in range(count):
        MembershipFactory(organisation=OrganisationFactory())

    with django_assert_num_queries(2):
        response = client.get("/accounts/organisations/")

    assert response.status_code == 200


# Organisation detail


def test_organisation_detail_shows_members_to_members(client, db):
    membership = MembershipFactory(organisation=OrganisationFactory())
    client.force_login(membership.user)

    response = client.get(membership.organisation.get_absolute_url())

    assert list(response.context["members"]) == [membership]


def test_organisation_detail_hides_members_from_outsiders(client, db):
    membership = MembershipFactory(organisation=OrganisationFactory())
    client.force_login(UserFactory())

    response = client.get(membership.organisation.get_absolute_url())

    assert list(response.context["members"]) == []
    assert membership.user.email.encode() not in response.content


def test_organisation_detail_missing_is_404(client, db):
    assert client.get("/accounts/organisations/nope/").status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_organisation_detail_query_count_is_constant(client, db, django_assert_num_queries, count):
    organisation = OrganisationFactory()
    admin = MembershipFactory(organisation=organisation, role=MembershipRole.ADMIN).user
    for n in range(count):
        MembershipFactory(organisation=organisation)
        services.create_invitation(
            organisation=organisation, email=f"i{n}@example.org", role="member", invited_by=admin
        )
    client.force_login(admin)

    # organisation, session, user, roles, members, invitations (inviters joined)
    with django_assert_num_queries(6):
        response = client.get(organisation.get_absolute_url())

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_coalition_detail_query_count_is_constant(client, db, django_assert_num_queries, count):
    coalition = CoalitionFactory()
    for _ in range(count):
        services.add_network_member(
            organisation=coalition,
            jurisdiction=JurisdictionFactory(),
        )

    with django_assert_num_queries(2):
        response = client.get(coalition.get_absolute_url())

    assert response.status_code == 200


# Create and edit


def test_organiser_creates_a_partner(client, db):
    client.force_login(UserFactory(is_network_organiser=True))

    response = client.post(
        "/accounts/organisations/new/",
        {
            "name": "Civic Fund",
            "kind": "partner",
            "partner_type": "foundation",
            "website": "civicfund.example.org",
            "description": "Funds things.",
        },
    )

    organisation = Organisation.objects.get()
    assert response["Location"] == "/accounts/organisations/civic-fund/"
    assert (organisation.partner_type, organisation.website) == (
        PartnerType.FOUNDATION,
        "https://civicfund.example.org",
    )


def test_create_partner_without_type_shows_the_error(client, db):
    client.force_login(UserFactory(is_network_organiser=True))

    response = client.post("/accounts/organisations/new/", {"name": "Acme", "kind": "partner"})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "partner_type": ["Say what kind of partner this is."]
    }


def test_create_coalition_drops_a_partner_type(client, db):
    client.force_login(UserFactory(is_network_organiser=True))

    client.post(
        "/accounts/organisations/new/",
        {"name": "Alliance", "kind": "coalition", "partner_type": "company"},
    )

    assert Organisation.objects.get().partner_type == ""


def test_organiser_edits_an_organisation(client, db):
    organisation = CoalitionFactory(name="Old name")
    client.force_login(UserFactory(is_network_organiser=True))

    client.post(
        f"/accounts/organisations/{organisation.slug}/edit/",
        {"name": "New name", "website": "", "description": "About us", "version": "1"},
    )

    organisation.refresh_from_db()
    assert (organisation.name, organisation.kind, organisation.description) == (
        "New name",
        OrganisationKind.COALITION,
        "About us",
    )


# Members


def _admin_client(client, organisation):
    admin = MembershipFactory(organisation=organisation, role=MembershipRole.ADMIN).user
    client.force_login(admin)
    return admin


def test_admin_changes_a_member_role(client, db):
    organisation = OrganisationFactory()
    _admin_client(client, organisation)
    member = MembershipFactory(organisation=organisation)

    client.post(
        reverse("accounts:member_role", args=[organisation.slug, member.pk]), {"role": "editor"}
    )

    member.refresh_from_db()
    assert member.role == MembershipRole.EDITOR


def test_admin_cannot_demote_themselves_as_last_admin(client, db):
    organisation = OrganisationFactory()
    admin = _admin_client(client, organisation)
    membership = admin.memberships.get()

    response = client.post(
        reverse("accounts:member_role", args=[organisation.slug, membership.pk]),
        {"role": "member"},
    )

    membership.refresh_from_db()
    assert membership.role == MembershipRole.ADMIN
    assert _messages(response) == [
        "An organisation needs at least one administrator; appoint another first."
    ]


def test_admin_removes_a_member(client, db):
    organisation = OrganisationFactory()
    _admin_client(client, organisation)
    member = MembershipFactory(organisation=organisation)

    client.post(reverse("accounts:member_remove", args=[organisation.slug, member.pk]))

    assert Membership.objects.filter(pk=member.pk).exists() is False


def test_admin_cannot_touch_another_organisations_member(client, db):
    organisation = OrganisationFactory()
    _admin_client(client, organisation)
    stranger = MembershipFactory(organisation=OrganisationFactory())

    response = client.post(reverse("accounts:member_remove", args=[organisation.slug, stranger.pk]))

    assert response.status_code == 404


# Invitations (web)


def test_admin_invites_by_email(client, db):
    organisation = OrganisationFactory()
    _admin_client(client, organisation)

    response = client.post(
        f"/accounts/organisations/{organisation.slug}/invite/",
        {"email": "new@example.org", "role": "editor"},
    )

    invitation = Invitation.objects.get()
    assert response.status_code == 302
    assert (invitation.email, invitation.role) == ("new@example.org", MembershipRole.EDITOR)
    assert mail.outbox[0].subject == (
        f"You are invited to join {organisation.name} on CityPeers demo network"
    )


def test_invite_existing_member_shows_the_error(client, db):
    organisation = OrganisationFactory()
    admin = _admin_client(client, organisation)

    response = client.post(
        f"/accounts/organisations/{organisation.slug}/invite/",
        {"email": admin.email, "role": "member"},
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        f"{admin.email} is already a member of {organisation.name}."
    ]


def _emailed_link(organisation, email="new@example.org", role="editor"):
    _, raw = services.create_invitation(
        organisation=organisation, email=email, role=role, invited_by=None
    )
    return f"/accounts/invitations/{raw}/"


def test_invitation_link_creates_the_account_and_signs_in(client, db):
    organisation = OrganisationFactory()
    link = _emailed_link(organisation)

    response = client.post(
        link,
        {
            "full_name": "Nia New",
            "password1": "a long passphrase",
            "password2": "a long passphrase",
        },
    )

    membership = Membership.objects.get(organisation=organisation)
    assert response["Location"] == organisation.get_absolute_url()
    assert (membership.user.email, membership.user.full_name, membership.role) == (
        "new@example.org",
        "Nia New",
        MembershipRole.EDITOR,
    )
    assert client.session["_auth_user_id"] == str(membership.user.pk)


def test_invitation_link_with_mismatched_passwords_shows_the_error(client, db):
    link = _emailed_link(OrganisationFactory())

    response = client.post(
        link,
        {"full_name": "Nia", "password1": "a long passphrase", "password2": "another passphrase"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {"password2": ["The two passwords differ."]}


def test_invitation_link_for_existing_account_asks_to_sign_in(client, db):
    UserFactory(email="new@example.org")
    link = _emailed_link(OrganisationFactory())

    response = client.get(link)

    assert response.context["account_exists"] is True
    assert response.context["form"] is None


def test_invitation_link_signed_in_invitee_accepts(client, db):
    user = UserFactory(email="new@example.org")
    organisation = OrganisationFactory()
    link = _emailed_link(organisation)
    client.force_login(user)

    client.post(link)

    assert Membership.objects.get(organisation=organisation).user == user


def test_invitation_link_signed_in_as_someone_else_cannot_accept(client, db):
    organisation = OrganisationFactory()
    link = _emailed_link(organisation)
    client.force_login(UserFactory())

    response = client.post(link)

    assert response.status_code == 400
    assert Membership.objects.filter(organisation=organisation).count() == 0


def test_invitation_link_used_twice_is_gone(client, db):
    link = _emailed_link(OrganisationFactory())
    client.post(
        link,
        {"full_name": "Nia", "password1": "a long passphrase", "password2": "a long passphrase"},
    )

    response = client.get(link)

    assert response.status_code == 410
    assert response.context["status"] == "accepted"


def test_invitation_link_unknown_is_404(client, db):
    assert client.get("/accounts/invitations/not-a-real-token/").status_code == 404


def test_admin_revokes_an_invitation(client, db):
    organisation = OrganisationFactory()
    _admin_client(client, organisation)
    link = _emailed_link(organisation)
    invitation = Invitation.objects.get()

    client.post(reverse("accounts:invitation_revoke", args=[organisation.slug, invitation.pk]))

    assert client.get(link).status_code == 410


def test_admin_resends_an_invitation_with_a_new_link(client, db):
    organisation = OrganisationFactory()
    _admin_client(client, organisation)
    old_link = _emailed_link(organisation)
    invitation = Invitation.objects.get()

    client.post(reverse("accounts:invitation_resend", args=[organisation.slug, invitation.pk]))

    new_link = re.search(r"/accounts/invitations/\S+/", mail.outbox[-1].body).group(0)
    assert new_link != old_link
    assert client.get(old_link).status_code == 404


def test_accept_mine_from_the_dashboard(client, db):
    user = UserFactory(email="new@example.org")
    organisation = OrganisationFactory()
    _emailed_link(organisation)
    client.force_login(user)

    client.post(reverse("accounts:invitation_accept_mine", args=[Invitation.objects.get().pk]))

    assert Membership.objects.get(organisation=organisation).user == user


# Account page and API tokens


def test_account_page_saves_the_profile(user_client, user):
    response = user_client.post(
        "/accounts/account/",
        {"full_name": "Ann Lee", "job_title": "CDO", "expertise": "open data, GIS"},
    )

    user.refresh_from_db()
    assert response.status_code == 302
    assert user.expertise_tags == ["open data", "GIS"]


def test_token_create_shows_the_secret_once(user_client, user):
    response = user_client.post("/accounts/account/tokens/", {"name": "Sync"})

    raw = response.context["new_token"]
    token = ApiToken.objects.get(user=user)
    assert response.status_code == 201
    assert response["Cache-Control"] == "no-store"
    assert token.token_hash == hash_token(raw)
    assert raw.encode() not in user_client.get("/accounts/account/").content


def test_token_revoke_of_someone_elses_token_is_404(user_client):
    token = ApiTokenFactory()

    response = user_client.post(f"/accounts/account/tokens/{token.pk}/revoke/")

    token.refresh_from_db()
    assert response.status_code == 404
    assert token.revoked_at is None


def test_token_revoke_hides_it_from_the_list(user_client, user):
    token = ApiTokenFactory(user=user)

    user_client.post(f"/accounts/account/tokens/{token.pk}/revoke/")

    assert list(user_client.get("/accounts/account/").context["tokens"]) == []


@pytest.mark.parametrize("count", [1, 3])
def test_account_page_query_count_is_constant(user_client, user, django_assert_num_queries, count):
    for _ in range(count):
        ApiTokenFactory(user=user)
        MembershipFactory(user=user, organisation=OrganisationFactory())

    with django_assert_num_queries(5):
        response = user_client.get("/accounts/account/")

    assert response.status_code == 200
