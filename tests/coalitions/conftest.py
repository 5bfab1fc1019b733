import pytest

from citypeers.accounts.enums import MembershipRole
from tests.factories.accounts import CityOrganisationFactory, MembershipFactory, UserFactory
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import SolutionFactory, SolutionOutcomeFactory


class Cities:
    """An origin city with a solution (one outcome metric) and an adopting city, each with an
    editor; plus a plain member of the adopting city and a network member elsewhere."""

    def __init__(self):
        self.origin = JurisdictionFactory(name="Origin City", slug="origin-city-co", state="CO")
        self.adopter = JurisdictionFactory(name="Adopter Town", slug="adopter-town-tx")
        origin_org = CityOrganisationFactory(jurisdiction=self.origin)
        adopter_org = CityOrganisationFactory(jurisdiction=self.adopter)
        self.origin_editor = MembershipFactory(
            organisation=origin_org,
            role=MembershipRole.EDITOR,
            user=UserFactory(email="origin@city.example"),
        ).user
        self.editor = MembershipFactory(organisation=adopter_org, role=MembershipRole.EDITOR).user
        self.member = MembershipFactory(organisation=adopter_org, role=MembershipRole.MEMBER).user
        self.outsider = MembershipFactory(role=MembershipRole.EDITOR).user
        self.solution = SolutionFactory(owner=self.origin, title="Land trust")
        SolutionOutcomeFactory(solution=self.solution, name="Homes built", unit="homes")


@pytest.fixture
def cities(db):
    return Cities()
