import pytest

from citypeers.accounts import permissions as p

pytestmark = pytest.mark.integration


@pytest.fixture
def world(module_world):
    return module_world  # every test here only reads it: one per module (tests/conftest.py)


PERSONAS = ["anon", "member", "editor", "city_admin", "other_editor", "organiser", "site_admin"]


def _who(world, predicate, *args) -> list[str]:
    """The personas for whom the predicate holds."""
    return [name for name in PERSONAS if predicate(world.users[name], *args)]


def test_can_view_organisation_members_is_members_and_organisers(world):
    assert _who(world, p.can_view_organisation_members, world.home_org) == [
        "member",
        "editor",
        "city_admin",
        "organiser",
        "site_admin",
    ]


def test_can_manage_organisation_members_is_admins_and_organisers(world):
    assert _who(world, p.can_manage_organisation_members, world.home_org) == [
        "city_admin",
        "organiser",
        "site_admin",
    ]


def test_can_invite_to_organisation_is_admins_and_organisers(world):
    assert _who(world, p.can_invite_to_organisation, world.other_org) == ["organiser", "site_admin"]


def test_can_create_organisation_is_organisers_only(world):
    assert _who(world, p.can_create_organisation) == ["organiser", "site_admin"]


def test_is_editor_of_organisation_includes_admins(world):
    assert _who(world, p.is_editor_of_organisation, world.home_org) == ["editor", "city_admin"]


def test_can_manage_api_token_is_its_owner_only(world):
    assert _who(world, p.can_manage_api_token, world.member_token) == ["member"]


def test_is_network_member_needs_a_membership_or_a_network_role(world):
    assert _who(world, p.is_network_member) == [
        "member",
        "editor",
        "city_admin",
        "other_editor",
        "organiser",
        "site_admin",
    ]


def test_predicates_deny_a_missing_object(world):
    assert _who(world, p.can_view_organisation_members, None) == ["organiser", "site_admin"]
