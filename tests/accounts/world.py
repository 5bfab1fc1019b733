"""Accounts objects for the permission matrix."""

from citypeers.accounts import services
from citypeers.accounts.enums import MembershipRole
from tests.factories.accounts import (
    ApiTokenFactory,
    CoalitionFactory,
    InvitationFactory,
    OrganisationFactory,
)


def extend(world) -> None:
    world.partner_org = OrganisationFactory(name="Demo Foundation", slug="demo-foundation")
    world.coalition = CoalitionFactory(name="Lone Star Alliance", slug="lone-star-alliance")
    services.add_network_member(organisation=world.coalition, jurisdiction=world.home)
    world.home_invitation = InvitationFactory(
        organisation=world.home_org, email="newcomer@example.org"
    )
    # An invitation addressed to the member persona, so only they may accept it.
    world.member_invitation = InvitationFactory(
        organisation=world.partner_org, email=world.users["member"].email
    )
    world.member_token = ApiTokenFactory(user=world.users["member"])
    world.member_membership = world.users["member"].memberships.get()
    _, world.invitation_link_token = services.create_invitation(
        organisation=world.other_org,
        email="stranger@example.org",
        role=MembershipRole.MEMBER,
        invited_by=None,
    )
