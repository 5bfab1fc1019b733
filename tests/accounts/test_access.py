"""The accounts access helpers: organisations are public, so refusals to act on them are 403."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from citypeers.accounts import selectors
from citypeers.accounts.enums import MembershipRole
from tests.factories.accounts import (
    CoalitionFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.integration


def _refusal(call) -> tuple[type, str]:
    with pytest.raises((Http404, PermissionDenied)) as caught:
        call()
    return caught.type, str(caught.value)


def test_a_missing_organisation_is_a_404_whatever_the_user_wants(db):
    user = UserFactory(is_network_organiser=True)

    refusal = _refusal(lambda: selectors.organisation_for_user(user, "nope", to="members"))

    assert refusal == (Http404, "No such organisation.")


def test_an_administrator_gets_the_organisation_to_manage_its_members(db):
    admin = MembershipFactory(role=MembershipRole.ADMIN)

    found = selectors.organisation_for_user(admin.user, admin.organisation.slug, to="members")

    assert found == admin.organisation


def test_a_plain_member_may_not_invite(db):
    member = MembershipFactory(role=MembershipRole.MEMBER)

    refusal = _refusal(
        lambda: selectors.organisation_for_user(member.user, member.organisation.slug, to="invite")
    )

    assert refusal == (PermissionDenied, "Only the organisation's administrators invite people.")


def test_only_network_organisers_edit_organisations(db):
    admin = MembershipFactory(role=MembershipRole.ADMIN)

    refusal = _refusal(
        lambda: selectors.organisation_for_user(admin.user, admin.organisation.slug, for_edit=True)
    )

    assert refusal == (PermissionDenied, "Only network organisers edit organisations.")


def test_an_organisation_that_is_not_a_coalition_has_no_member_cities(db):
    organiser = UserFactory(is_network_organiser=True)
    partner = OrganisationFactory()

    refusal = _refusal(lambda: selectors.coalition_for_user(organiser, partner.slug))

    assert refusal == (Http404, "Only coalitions and networks have member cities.")


def test_a_network_organiser_manages_a_coalitions_member_cities(db):
    organiser = UserFactory(is_network_organiser=True)
    coalition = CoalitionFactory()

    assert selectors.coalition_for_user(organiser, coalition.slug) == coalition


def test_organisation_services_check_the_acting_user(db):
    from django.core.exceptions import PermissionDenied

    from citypeers.accounts import services
    from citypeers.accounts.enums import OrganisationKind
    from tests.factories.accounts import UserFactory

    organiser, outsider = UserFactory(is_network_organiser=True), UserFactory()
    made = services.create_organisation(
        name="Gulf Coast Fund",
        kind=OrganisationKind.PARTNER,
        partner_type="foundation",
        actor=organiser,
    )
    with pytest.raises(PermissionDenied) as refused_create:
        services.create_organisation(name="X", kind=OrganisationKind.PARTNER, actor=outsider)
    with pytest.raises(PermissionDenied) as refused_edit:
        services.update_organisation(organisation=made, actor=outsider, name="Renamed")
    made.refresh_from_db()
    assert (str(refused_create.value), str(refused_edit.value), made.name) == (
        "Only network organisers may create organisations.",
        "Only network organisers may change an organisation's details.",
        "Gulf Coast Fund",
    )
