"""Shared fixtures: named personas and a small standard world for permission tests."""

import pytest

from citypeers.accounts.enums import MembershipRole
from citypeers.core.enums import PublicationStatus
from tests.factories.accounts import CityOrganisationFactory, MembershipFactory, UserFactory
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import (
    ChallengeAreaFactory,
    ChallengeStatementFactory,
    SolutionFactory,
)

PASSWORD = "correct horse battery"


class World:
    """The objects every access test needs, built once per test.

    `home` is the city that the member, editor and city_admin personas belong to; `other` is a
    city none of them belongs to. Each app may add attributes via `tests/<app>/world.py`.
    """

    def __init__(self):
        self.home = JurisdictionFactory(name="Hometown", slug="hometown-tx")
        self.other = JurisdictionFactory(name="Otherton", slug="otherton-tx")
        self.home_org = CityOrganisationFactory(jurisdiction=self.home)
        self.other_org = CityOrganisationFactory(jurisdiction=self.other)
        self.area = ChallengeAreaFactory(slug="housing-affordability", name="Housing affordability")
        self.statement = ChallengeStatementFactory(jurisdiction=self.home, area=self.area)
        self.solution = SolutionFactory(owner=self.home, challenges=[self.area])
        self.draft_solution = SolutionFactory(
            owner=self.home, challenges=[self.area], status=PublicationStatus.DRAFT
        )
        self.users = {
            "anon": None,
            "member": self._member(MembershipRole.MEMBER),
            "editor": self._member(MembershipRole.EDITOR),
            "city_admin": self._member(MembershipRole.ADMIN),
            "other_editor": MembershipFactory(
                organisation=self.other_org, role=MembershipRole.EDITOR
            ).user,
            "organiser": UserFactory(is_network_organiser=True),
            "site_admin": UserFactory(is_superuser=True, is_staff=True),
        }

    def _member(self, role):
        return MembershipFactory(organisation=self.home_org, role=role).user


@pytest.fixture(autouse=True)
def fresh_peer_cache():
    """Each test starts with empty per-process caches (peer matrix, cached pages)."""
    from django.core.cache import cache

    from citypeers.matching.cache import forget

    forget()
    cache.clear()
    yield
    forget()
    cache.clear()


@pytest.fixture
def world(db):
    built = World()
    from tests.access.registry import extend_world

    extend_world(built)
    return built


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client
