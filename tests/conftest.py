"""Shared fixtures: named personas and a small standard world for permission tests."""

import copy
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

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
    """The objects every access test needs.

    The `world` fixture builds one per test; `shared_world` builds one per test module (see
    there), for modules such as the permission matrix that run hundreds of tests over it.

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


def build_world() -> World:
    from tests.access.registry import extend_world

    built = World()
    extend_world(built)
    return built


def _media_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


class SharedWorld:
    """A world kept for a whole module, and what lies outside the database that it owns.

    The database side needs nothing: each test's transaction is a savepoint inside the one the
    world was built in, so what a test writes is gone before the next test starts. The stored
    files (evidence, attachments) are not transactional: a test that deletes one removes it from
    disk while the rollback keeps its row, so `restore_files` writes back any that went missing.
    """

    def __init__(self, world: World, files: dict[Path, bytes]):
        self.world = world
        self.files = files

    def copy(self) -> World:
        # A copy per test, as Django's setUpTestData gives, so in-memory changes do not leak.
        return copy.deepcopy(self.world)

    def restore_files(self) -> None:
        for path, content in self.files.items():
            if not path.is_file() or path.read_bytes() != content:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """One `World` per test module and xdist worker, built in a transaction rolled back at the
    module's end. Tests reach it through `module_world`. The database stays blocked between
    them, so a test that forgot `db` still fails."""
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            before = _media_files()
            built = build_world()
            files = {path: path.read_bytes() for path in _media_files() - before}
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    yield SharedWorld(built, files)
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def module_world(shared_world, db):
    """The module's shared world, copied for this test; what the test writes rolls back to it.

    A module opts in by overriding `world` with it. Then every test in that module sees the
    world in the database (whether it asks for it or not), and none may be transactional: a
    transactional test would flush the world away.
    """
    yield shared_world.copy()
    shared_world.restore_files()


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client
