from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from citypeers.accounts import services
from citypeers.accounts.enums import InvitationStatus, MembershipRole, OrganisationKind
from citypeers.accounts.models import Invitation, Membership, Organisation, User
from citypeers.accounts.permissions import is_admin_of_organisation
from citypeers.accounts.tokens import user_for_token
from citypeers.core.tokens import hash_token
from citypeers.directory.enums import GovernmentType
from tests.factories.accounts import (
    CityOrganisationFactory,
    CoalitionFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration


# Users


def test_create_user_lowercases_email(db):
    user = services.create_user(email="Ann@Example.ORG", password="x", full_name="Ann")

    assert user.email == "ann@example.org"


def test_create_user_refuses_duplicate_email_in_any_case(db):
    UserFactory(email="ann@example.org")

    with pytest.raises(ValidationError) as error:
        services.create_user(email="ANN@example.org", password="x")

    assert error.value.message_dict == {
        "email": ["An account with this email address already exists."]
    }


def test_update_profile_normalises_expertise_tags(user):
    services.update_profile(
        user=user, full_name=" Ann Lee ", job_title="CDO", expertise="Open data,  GIS ,open data,,"
    )

    user.refresh_from_db()
    assert (user.full_name, user.expertise, user.expertise_tags) == (
        "Ann Lee",
        "Open data, GIS",
        ["Open data", "GIS"],
    )


# Organisations


def test_organisation_for_jurisdiction_creates_a_named_local_government(db):
    boston = JurisdictionFactory(
        name="Boston", state="MA", slug="boston-ma", kind=GovernmentType.CITY
    )

    organisation = services.organisation_for_jurisdiction(boston)

    assert (organisation.name, organisation.slug, organisation.kind) == (
        "City of Boston",
        "city-of-boston-ma",
        OrganisationKind.LOCAL_GOVERNMENT,
    )


def test_organisation_for_jurisdiction_returns_the_existing_one(db):
    jurisdiction = JurisdictionFactory()
    first = services.organisation_for_jurisdiction(jurisdiction)

    second = services.organisation_for_jurisdiction(jurisdiction)

    assert second.pk == first.pk
    assert Organisation.objects.count() == 1


def test_create_organisation_makes_unique_slugs(db):
    fund = {"name": "Civic Fund", "kind": "partner", "partner_type": "foundation"}
    first = services.create_organisation(**fund)
    second = services.create_organisation(**fund)

    assert (first.slug, second.slug) == ("civic-fund", "civic-fund-2")


def test_create_organisation_never_takes_a_reserved_slug(db):
    organisation = services.create_organisation(name="New", kind="coalition")

    assert organisation.slug == "new-2"


def test_create_partner_without_type_is_invalid(db):
    with pytest.raises(ValidationError) as error:
        services.create_organisation(name="Acme", kind="partner")

    assert error.value.message_dict == {"partner_type": ["Say what kind of partner this is."]}


def test_update_organisation_refuses_fixed_fields(db):
    organisation = OrganisationFactory()

    with pytest.raises(ValueError):
        services.update_organisation(organisation=organisation, kind="coalition")


def test_add_network_member_only_for_coalitions(db):
    partner = OrganisationFactory()

    with pytest.raises(ValidationError):
        services.add_network_member(organisation=partner, jurisdiction=JurisdictionFactory())


def test_add_network_member_is_idempotent(db):
    coalition = CoalitionFactory()
    jurisdiction = JurisdictionFactory()

    services.add_network_member(organisation=coalition, jurisdiction=jurisdiction)
    services.add_network_member(organisation=coalition, jurisdiction=jurisdiction)

    assert list(coalition.member_jurisdictions.all()) == [jurisdiction]


# Memberships


def test_add_member_keeps_the_higher_role(db):
    membership = MembershipFactory(role=MembershipRole.ADMIN)

    services.add_member(
        organisation=membership.organisation, user=membership.user, role=MembershipRole.MEMBER
    )

    membership.refresh_from_db()
    assert membership.role == MembershipRole.ADMIN


def test_change_member_role_refreshes_cached_permissions(db):
    membership = MembershipFactory(role=MembershipRole.MEMBER)
    MembershipFactory(organisation=membership.organisation, role=MembershipRole.ADMIN)
    user, organisation = membership.user, membership.organisation
    assert is_admin_of_organisation(user, organisation) is False

    services.change_member_role(membership=membership, role=MembershipRole.ADMIN)

    assert is_admin_of_organisation(user, organisation) is True


def test_change_member_role_refuses_to_demote_the_last_admin(db):
    membership = MembershipFactory(role=MembershipRole.ADMIN)

    with pytest.raises(ValidationError) as error:
        services.change_member_role(membership=membership, role=MembershipRole.EDITOR)

    assert error.value.messages == [
        "An organisation needs at least one administrator; appoint another first."
    ]


def test_remove_member_refuses_the_last_admin(db):
    membership = MembershipFactory(role=MembershipRole.ADMIN)

    with pytest.raises(ValidationError):
        services.remove_member(membership=membership)

    assert Membership.objects.count() == 1


def test_remove_member_allows_an_admin_when_another_remains(db):
    membership = MembershipFactory(role=MembershipRole.ADMIN)
    MembershipFactory(organisation=membership.organisation, role=MembershipRole.ADMIN)

    services.remove_member(membership=membership)

    assert Membership.objects.count() == 1


# Invitations


def _invite(organisation=None, email="new@example.org", role=MembershipRole.EDITOR):
    organisation = organisation or CityOrganisationFactory()
    organiser = UserFactory(is_network_organiser=True)  # organisers may invite to any
    return services.create_invitation(
        organisation=organisation, email=email, role=role, invited_by=organiser
    )


def test_create_invitation_refuses_an_inviter_who_does_not_administer_it(db):
    member = MembershipFactory(role=MembershipRole.MEMBER)

    with pytest.raises(PermissionDenied) as refused:
        services.create_invitation(
            organisation=member.organisation,
            email="new@example.org",
            role=MembershipRole.MEMBER,
            invited_by=member.user,
        )

    assert (str(refused.value), Invitation.objects.count()) == (
        "Only the organisation's administrators invite people.",
        0,
    )


def test_create_invitation_stores_only_a_hash_and_emails_the_link(db):
    invitation, raw = _invite(email="New@Example.org")

    assert invitation.email == "new@example.org"
    assert invitation.token_hash == hash_token(raw)
    assert raw not in invitation.token_hash
    assert mail.outbox[0].to == ["new@example.org"]
    assert f"/accounts/invitations/{raw}/" in mail.outbox[0].body


def test_create_invitation_expires_in_fourteen_days(db):
    invitation, _ = _invite()

    lifetime = invitation.expires_at - invitation.created_at

    assert round(lifetime.total_seconds() / 86400) == 14


def test_create_invitation_refuses_an_existing_member(db):
    membership = MembershipFactory(user=UserFactory(email="old@example.org"))

    with pytest.raises(ValidationError):
        _invite(organisation=membership.organisation, email="OLD@example.org")


def test_create_invitation_refuses_a_second_open_invitation(db):
    invitation, _ = _invite()

    with pytest.raises(ValidationError):
        _invite(organisation=invitation.organisation, email=invitation.email)


def test_create_invitation_refuses_a_bad_email(db):
    with pytest.raises(ValidationError):
        _invite(email="not an email")

    assert Invitation.objects.count() == 0


def test_accept_invitation_creates_the_account(db):
    invitation, _ = _invite(role=MembershipRole.EDITOR)

    membership = services.accept_invitation(
        invitation=invitation, full_name="Nia New", password="a long passphrase"
    )

    invitation.refresh_from_db()
    assert (membership.user.email, membership.role) == ("new@example.org", MembershipRole.EDITOR)
    assert membership.user.check_password("a long passphrase") is True
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.accepted_by == membership.user


def test_accept_invitation_rejects_a_weak_password(db):
    invitation, _ = _invite()

    with pytest.raises(ValidationError):
        services.accept_invitation(invitation=invitation, full_name="Nia", password="12345678")

    assert User.objects.filter(email="new@example.org").exists() is False


def test_accept_invitation_attaches_the_signed_in_invitee(db):
    user = UserFactory(email="new@example.org")
    invitation, _ = _invite()

    membership = services.accept_invitation(invitation=invitation, user=user)

    assert membership.user == user


def test_accept_invitation_refuses_someone_else(db):
    invitation, _ = _invite()

    with pytest.raises(ValidationError):
        services.accept_invitation(invitation=invitation, user=UserFactory())

    assert Membership.objects.count() == 0


def test_accept_invitation_refuses_to_create_a_duplicate_account(db):
    UserFactory(email="new@example.org")
    invitation, _ = _invite()

    with pytest.raises(ValidationError):
        services.accept_invitation(invitation=invitation, full_name="X", password="a long one!")


def test_accept_invitation_twice_fails(db):
    user = UserFactory(email="new@example.org")
    invitation, _ = _invite()
    services.accept_invitation(invitation=invitation, user=user)

    with pytest.raises(ValidationError):
        services.accept_invitation(invitation=invitation, user=user)


def test_expired_invitation_cannot_be_accepted(db):
    user = UserFactory(email="new@example.org")
    invitation, _ = _invite()
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    invitation.refresh_from_db()

    with pytest.raises(ValidationError):
        services.accept_invitation(invitation=invitation, user=user)

    assert invitation.status == InvitationStatus.EXPIRED


def test_revoked_invitation_cannot_be_accepted(db):
    user = UserFactory(email="new@example.org")
    invitation, _ = _invite()
    services.revoke_invitation(invitation=invitation)

    with pytest.raises(ValidationError):
        services.accept_invitation(invitation=invitation, user=user)

    assert invitation.status == InvitationStatus.REVOKED


def test_resend_invitation_replaces_the_link_and_restarts_the_clock(db):
    invitation, old_raw = _invite()
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    invitation.refresh_from_db()

    _, new_raw = services.resend_invitation(invitation=invitation, sent_by=None)

    invitation.refresh_from_db()
    assert new_raw != old_raw
    assert invitation.token_hash == hash_token(new_raw)
    assert invitation.status == InvitationStatus.PENDING
    assert len(mail.outbox) == 2


def test_resend_revoked_invitation_fails(db):
    invitation, _ = _invite()
    services.revoke_invitation(invitation=invitation)

    with pytest.raises(ValidationError):
        services.resend_invitation(invitation=invitation, sent_by=None)


def test_revoke_accepted_invitation_fails(db):
    invitation, _ = _invite()
    services.accept_invitation(invitation=invitation, full_name="N", password="a long passphrase")

    with pytest.raises(ValidationError):
        services.revoke_invitation(invitation=invitation)


# API tokens


def test_create_api_token_returns_a_working_secret_once(user):
    token, raw = services.create_api_token(user=user, name="Sync")

    assert raw.startswith("cp_")
    assert token.prefix == raw[:10]
    assert token.token_hash == hash_token(raw)
    assert user_for_token(raw) == user


def test_revoked_api_token_stops_working(user):
    token, raw = services.create_api_token(user=user, name="Sync")

    services.revoke_api_token(token=token)

    assert user_for_token(raw) is None


def test_api_token_of_an_inactive_user_does_not_work(user):
    _, raw = services.create_api_token(user=user, name="Sync")
    User.objects.filter(pk=user.pk).update(is_active=False)

    assert user_for_token(raw) is None


def test_api_token_use_is_recorded(user):
    token, raw = services.create_api_token(user=user, name="Sync")

    user_for_token(raw)

    token.refresh_from_db()
    assert token.last_used_at is not None


def test_create_api_token_has_a_limit(user):
    for n in range(services.tokens.MAX_ACTIVE_TOKENS):
        services.create_api_token(user=user, name=f"t{n}")

    with pytest.raises(ValidationError):
        services.create_api_token(user=user, name="one too many")


def test_organisation_for_an_untyped_place_names_the_state(db):
    place = JurisdictionFactory(
        name="Boston", state="MA", slug="boston-ma", kind=GovernmentType.PLACE
    )

    organisation = services.organisation_for_jurisdiction(place)

    assert (organisation.name, organisation.slug) == ("Boston, MA", "boston-ma")


def test_organisation_for_a_county_keeps_its_name(db):
    county = JurisdictionFactory(
        name="Suffolk County", state="MA", slug="suffolk-county-ma", kind=GovernmentType.COUNTY
    )

    organisation = services.organisation_for_jurisdiction(county)

    assert (organisation.name, organisation.slug) == ("Suffolk County", "suffolk-county-ma")
