from dataclasses import dataclass

import pytest

from citypeers.accounts.enums import MembershipRole
from citypeers.coalitions.enums import ReplicationStage
from tests.factories.accounts import CityOrganisationFactory, MembershipFactory, UserFactory
from tests.factories.coalitions import ReplicationFactory
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import (
    ChallengeAreaFactory,
    SolutionFactory,
    SolutionOutcomeFactory,
)


@dataclass
class Desk:
    area: object
    asking_city: object
    asker: object
    asking_editor: object
    peer_city: object
    peer_editor: object
    replicating_city: object
    replicating_editor: object
    solution: object
    organiser: object
    expert: object
    bystander: object


def _city(name: str, slug: str, role=MembershipRole.EDITOR):
    city = JurisdictionFactory(name=name, slug=slug)
    organisation = CityOrganisationFactory(jurisdiction=city)
    return city, MembershipFactory(organisation=organisation, role=role).user


@pytest.fixture
def desk(db) -> Desk:
    """Brookfield asks about composting; Millbrook published a composting solution with one
    measured outcome; Ashford is piloting it; an expert knows composting."""
    parent = ChallengeAreaFactory(slug="climate", name="Climate")
    area = ChallengeAreaFactory(slug="food-waste", name="Food waste composting", parent=parent)
    asking_city, asker = _city("Brookfield", "brookfield-tx", MembershipRole.MEMBER)
    asking_editor = MembershipFactory(
        organisation=asker.memberships.get().organisation, role=MembershipRole.EDITOR
    ).user
    peer_city, peer_editor = _city("Millbrook", "millbrook-tx")
    replicating_city, replicating_editor = _city("Ashford", "ashford-tx")
    solution = SolutionFactory(
        owner=peer_city,
        title="Curbside composting pilot",
        slug="curbside-composting",
        challenges=[area],
    )
    SolutionOutcomeFactory(solution=solution, name="Tonnes diverted", value=120, unit="t")
    ReplicationFactory(solution=solution, adopter=replicating_city, stage=ReplicationStage.PILOTING)
    bystander = _city("Clearwater", "clearwater-tx")[1]
    return Desk(
        area=area,
        asking_city=asking_city,
        asker=asker,
        asking_editor=asking_editor,
        peer_city=peer_city,
        peer_editor=peer_editor,
        replicating_city=replicating_city,
        replicating_editor=replicating_editor,
        solution=solution,
        organiser=UserFactory(is_network_organiser=True, full_name="Orla Organiser"),
        expert=UserFactory(full_name="Eli Expert", expertise="composting, waste policy"),
        bystander=bystander,
    )
