from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from citypeers.accounts.models import JurisdictionMembership, Organisation
from citypeers.assessments.enums import AssessmentStatus, ResultSharing
from citypeers.knowledge.enums import Priority
from tests.factories.accounts import CityOrganisationFactory, CoalitionFactory, MembershipFactory
from tests.factories.assessments import AssessmentFactory, ResponseFactory
from tests.factories.coalitions import ReplicationFactory
from tests.factories.directory import JurisdictionFactory
from tests.factories.helpdesk import HelpRequestFactory
from tests.factories.knowledge import (
    ChallengeAreaFactory,
    ChallengeStatementFactory,
    SolutionFactory,
)
from tests.factories.workshops import InsightFactory, WebinarFactory

# Scheduled digests cover the period before the current one: a week from now, what was
# written today is last week's news.
NEXT_WEEK = timedelta(days=7)


@dataclass
class Network:
    housing: object
    transit: object
    housing_city: object
    housing_member: object
    transit_city: object
    transit_member: object
    peer: object
    housing_solution: object
    transit_solution: object


def member_of(city, **kwargs):
    organisation = Organisation.objects.filter(jurisdiction=city).first()
    organisation = organisation or CityOrganisationFactory(jurisdiction=city)
    return MembershipFactory(organisation=organisation, **kwargs).user


@pytest.fixture
def network(db) -> Network:
    """Two member cities with different challenges (Hometown: housing; Railton: transit), and
    news from a third, Peerville, a fellow member of their coalition: a solution in each area,
    an insight on housing, an assessment criterion Hometown has not met, and an upcoming
    webinar on transit."""
    housing = ChallengeAreaFactory(slug="housing-affordability", name="Housing affordability")
    transit = ChallengeAreaFactory(slug="public-transit", name="Public transit")
    housing_city = JurisdictionFactory(name="Hometown", state="TX", slug="hometown-tx")
    transit_city = JurisdictionFactory(name="Railton", state="OR", slug="railton-or")
    peer = JurisdictionFactory(name="Peerville", state="CO", slug="peerville-co")
    coalition = CoalitionFactory()
    for city in (housing_city, transit_city, peer):
        JurisdictionMembership.objects.create(organisation=coalition, jurisdiction=city)
    ChallengeStatementFactory(jurisdiction=housing_city, area=housing, priority=Priority.HIGH)
    ChallengeStatementFactory(jurisdiction=transit_city, area=transit)
    network = Network(
        housing=housing,
        transit=transit,
        housing_city=housing_city,
        housing_member=member_of(housing_city),
        transit_city=transit_city,
        transit_member=member_of(transit_city),
        peer=peer,
        housing_solution=SolutionFactory(
            owner=peer, challenges=[housing], title="Community land trust"
        ),
        transit_solution=SolutionFactory(owner=peer, challenges=[transit], title="Bus lanes"),
    )
    InsightFactory(area=housing, title="Start a land trust with public land")
    WebinarFactory(area=transit, title="Bus rapid transit on a budget")
    ResponseFactory(
        assessment=AssessmentFactory(
            jurisdiction=peer,
            status=AssessmentStatus.SUBMITTED,
            submitted_at=timezone.now(),
            sharing=ResultSharing.PEERS,
        ),
        met=True,
    )
    ResponseFactory(assessment=AssessmentFactory(jurisdiction=housing_city), met=False)
    return network


def add_replication_and_request(network):
    """Peerville considers Railton's solution; Peerville asks about transit."""
    own = SolutionFactory(owner=network.transit_city, challenges=[network.transit])
    ReplicationFactory(solution=own, adopter=network.peer, stage_changed_on=timezone.localdate())
    return HelpRequestFactory(
        jurisdiction=network.peer, area=network.transit, status="open", title="Bus stop design?"
    )


@pytest.fixture(autouse=True)
def fresh_candidate_pool():
    """Each test starts with an empty per-process candidate pool: a pool kept from an earlier
    test would hold that test's (rolled back) news for the same period."""
    from citypeers.digests import services

    services._pool, services._pool_built = services.CandidatePool(), 0.0
    yield
    services._pool, services._pool_built = services.CandidatePool(), 0.0
