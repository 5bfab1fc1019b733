import pytest

from citypeers.accounts.enums import MembershipRole
from citypeers.knowledge.services import seed_taxonomy
from tests.factories.accounts import CityOrganisationFactory, MembershipFactory
from tests.factories.directory import JurisdictionFactory


@pytest.fixture
def taxonomy(db):
    seed_taxonomy()


@pytest.fixture
def city(db):
    return JurisdictionFactory(
        name="Heatville", slug="heatville-az", state="AZ", population=120_000
    )


@pytest.fixture
def editor(city):
    organisation = CityOrganisationFactory(jurisdiction=city)
    return MembershipFactory(organisation=organisation, role=MembershipRole.EDITOR).user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
