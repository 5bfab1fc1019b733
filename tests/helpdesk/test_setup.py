"""Demo help requests: two, labelled as demo content, one published; seeding twice adds none."""

import io

import pytest

from citypeers.accounts.enums import MembershipRole
from citypeers.accounts.setup import DEMO_DOMAIN
from citypeers.helpdesk import setup
from citypeers.helpdesk.enums import RequestStatus
from citypeers.helpdesk.models import Answer, HelpRequest
from citypeers.knowledge.setup import seed_taxonomy
from citypeers.search.models import SearchDocument
from tests.factories.accounts import CityOrganisationFactory, MembershipFactory, UserFactory
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration


def _member(key, city, role):
    user = UserFactory(email=f"{key}@{DEMO_DOMAIN}")
    MembershipFactory(user=user, organisation=CityOrganisationFactory(jurisdiction=city), role=role)
    return user


@pytest.fixture
def demo_accounts(db):
    seed_taxonomy()
    _member("member", JurisdictionFactory(name="Boston", slug="boston-ma"), MembershipRole.MEMBER)
    _member("la-editor", JurisdictionFactory(name="Los Angeles", slug="los-angeles-ca"), "editor")
    UserFactory(email=f"organiser@{DEMO_DOMAIN}", is_network_organiser=True)
    UserFactory(email=f"expert@{DEMO_DOMAIN}", expertise="broadband, evaluation")


def test_demo_requests_are_seeded_once_and_labelled(demo_accounts):
    out = io.StringIO()

    setup.setup_site(out)
    setup.setup_site(out)

    assert sorted(HelpRequest.objects.values_list("title", "status", "is_demo")) == [
        ("How do we decide which datasets to open first?", RequestStatus.PUBLISHED, True),
        ("Where should free public Wi-Fi go first?", RequestStatus.ROUTED, True),
    ]
    assert list(Answer.objects.values_list("is_demo", "is_accepted")) == [(True, True)]
    assert list(SearchDocument.objects.filter(kind="qa").values_list("title", "is_demo")) == [
        ("How do we decide which datasets to open first?", True)
    ]
    assert out.getvalue() == (
        "    helpdesk: 2 demo help requests added (1 published)"
        "    helpdesk: 0 demo help requests added (1 published)"
    )
