"""Who may do what, as named `rules` predicates. Deny by default.

Other apps compose these (e.g. `can_edit_jurisdiction`) in their own `permissions.py`.
Role lookups are cached on the user object for the length of a request, so checking many
objects costs one query.
"""

import rules

from citypeers.accounts.enums import ROLE_RANK, MembershipRole


def _roles(user) -> dict:
    """{"org": {org_id: role}, "jurisdiction": {jurisdiction_id: role}} for this user."""
    cached = getattr(user, "_citypeers_roles", None)
    if cached is not None:
        return cached
    roles = {"org": {}, "jurisdiction": {}}
    if user is not None and user.is_authenticated:
        rows = user.memberships.values_list(
            "organisation_id", "organisation__jurisdiction_id", "role"
        )
        for org_id, jurisdiction_id, role in rows:
            roles["org"][org_id] = role
            if jurisdiction_id is not None:
                roles["jurisdiction"][jurisdiction_id] = role
    user._citypeers_roles = roles
    return roles


def forget_roles(user) -> None:
    """Drop the cached roles after a membership changes."""
    if hasattr(user, "_citypeers_roles"):
        del user._citypeers_roles


def role_in_jurisdiction(user, jurisdiction) -> str | None:
    if jurisdiction is None or not getattr(user, "is_authenticated", False):
        return None
    return _roles(user)["jurisdiction"].get(jurisdiction.pk)


def role_in_organisation(user, organisation) -> str | None:
    if organisation is None or not getattr(user, "is_authenticated", False):
        return None
    return _roles(user)["org"].get(organisation.pk)


def jurisdiction_ids_with_role(user, minimum: str = MembershipRole.MEMBER) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    floor = ROLE_RANK[minimum]
    return {j for j, role in _roles(user)["jurisdiction"].items() if ROLE_RANK[role] >= floor}


@rules.predicate
def is_site_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


@rules.predicate
def is_network_organiser(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_network_organiser)


@rules.predicate
def is_network_member(user) -> bool:
    """Signed in and part of the network: any membership, an organiser or a site admin."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or user.is_network_organiser or _roles(user)["org"])


@rules.predicate
def is_member_of_jurisdiction(user, jurisdiction) -> bool:
    return role_in_jurisdiction(user, jurisdiction) is not None


@rules.predicate
def is_editor_of_jurisdiction(user, jurisdiction) -> bool:
    role = role_in_jurisdiction(user, jurisdiction)
    return role is not None and ROLE_RANK[role] >= ROLE_RANK[MembershipRole.EDITOR]


@rules.predicate
def is_admin_of_jurisdiction(user, jurisdiction) -> bool:
    return role_in_jurisdiction(user, jurisdiction) == MembershipRole.ADMIN


@rules.predicate
def is_admin_of_organisation(user, organisation) -> bool:
    return role_in_organisation(user, organisation) == MembershipRole.ADMIN


@rules.predicate
def is_member_of_organisation(user, organisation) -> bool:
    return role_in_organisation(user, organisation) is not None


can_edit_jurisdiction = is_editor_of_jurisdiction | is_site_admin
can_manage_jurisdiction_members = is_admin_of_jurisdiction | is_site_admin
can_manage_organisation = is_admin_of_organisation | is_site_admin
can_organise_network = is_network_organiser | is_site_admin


@rules.predicate
def is_editor_of_organisation(user, organisation) -> bool:
    role = role_in_organisation(user, organisation)
    return role is not None and ROLE_RANK[role] >= ROLE_RANK[MembershipRole.EDITOR]


@rules.predicate
def is_account_owner(user, account) -> bool:
    """The object (an API token, a profile) belongs to this signed-in user."""
    if not getattr(user, "is_authenticated", False) or account is None:
        return False
    return getattr(account, "user_id", getattr(account, "pk", None)) == user.pk


# Organisations: public pages; members, roles and invitations are for insiders.
can_create_organisation = can_organise_network
can_edit_organisation = can_organise_network
can_view_organisation_members = is_member_of_organisation | can_organise_network
can_manage_organisation_members = is_admin_of_organisation | can_organise_network
can_invite_to_organisation = is_admin_of_organisation | can_organise_network
# A coalition's member cities: its own administrators and the programme's organisers.
can_manage_network_members = is_admin_of_organisation | can_organise_network
can_manage_api_token = is_account_owner
