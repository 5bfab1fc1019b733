"""Writes for accounts. Every change to accounts data goes through a function here.

One module per area; everything is re-exported so callers import from
`citypeers.accounts.services`.
"""

from citypeers.accounts.services.invitations import (
    accept_invitation,
    create_invitation,
    resend_invitation,
    revoke_invitation,
)
from citypeers.accounts.services.member_cities import (
    add_member_cities,
    add_member_city,
    add_network_member,
    remove_member_city,
)
from citypeers.accounts.services.memberships import (
    add_member,
    change_member_role,
    leave_organisation,
    remove_member,
)
from citypeers.accounts.services.organisations import (
    create_organisation,
    organisation_for_jurisdiction,
    update_organisation,
)
from citypeers.accounts.services.tokens import create_api_token, revoke_api_token
from citypeers.accounts.services.users import create_user, update_profile

__all__ = [
    "accept_invitation",
    "add_member",
    "add_member_cities",
    "add_member_city",
    "add_network_member",
    "change_member_role",
    "create_api_token",
    "create_invitation",
    "create_organisation",
    "create_user",
    "leave_organisation",
    "organisation_for_jurisdiction",
    "remove_member",
    "remove_member_city",
    "resend_invitation",
    "revoke_api_token",
    "revoke_invitation",
    "update_organisation",
    "update_profile",
]
