from dataclasses import dataclass

import pytest

from citypeers.accounts.enums import MembershipRole
from citypeers.guides import services
from tests.factories.accounts import (
    CityOrganisationFactory,
    MembershipFactory,
    UserFactory,
)
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import ChallengeAreaFactory, SolutionFactory, SolutionOutcomeFactory


@dataclass
class Team:
    area: object
    lead_city: object
    lead: object
    author: object
    peer_reviewer: object
    outside_reviewer: object
    organiser: object
    stranger: object
    solution: object


def _city_editor(name: str, slug: str):
    city = JurisdictionFactory(name=name, slug=slug)
    organisation = CityOrganisationFactory(jurisdiction=city)
    return city, MembershipFactory(organisation=organisation, role=MembershipRole.EDITOR).user


@pytest.fixture
def team(db) -> Team:
    """Lakeside leads a guide on housing affordability with Riverton writing; Hillcrest's editor
    and an expert review; a case study cites Riverton's solution with one measured outcome."""
    area = ChallengeAreaFactory(slug="housing-affordability", name="Housing affordability")
    lead_city, lead = _city_editor("Lakeside", "lakeside-tx")
    author_city, author = _city_editor("Riverton", "riverton-tx")
    _, peer_reviewer = _city_editor("Hillcrest", "hillcrest-tx")
    solution = SolutionFactory(
        owner=author_city,
        title="Community land trust",
        slug="community-land-trust",
        challenges=[area],
    )
    SolutionOutcomeFactory(solution=solution, name="Homes kept affordable", value=120, unit="homes")
    return Team(
        area=area,
        lead_city=lead_city,
        lead=lead,
        author=author,
        peer_reviewer=peer_reviewer,
        outside_reviewer=UserFactory(full_name="Outside Expert"),
        organiser=UserFactory(is_network_organiser=True),
        stranger=UserFactory(),
        solution=solution,
    )


def start_guide(team: Team, **kwargs):
    guide = services.create_guide(
        actor=team.lead,
        title=kwargs.pop("title", "Keeping homes affordable"),
        purpose="What cities learned about land trusts.",
        audience="housing staff",
        area=team.area,
        lead_city=team.lead_city,
        **kwargs,
    )
    member = services.invite_member(actor=team.lead, guide=guide, user=team.author, role="author")
    services.answer_invitation(actor=team.author, member=member, accept=True)
    return guide


@pytest.fixture
def guide(team):
    return start_guide(team)


@pytest.fixture
def section(team, guide):
    chapter = services.add_chapter(actor=team.lead, guide=guide, title="Land")
    return services.add_section(
        actor=team.lead,
        chapter=chapter,
        title="Why land trusts",
        body="First line.\nSecond line.\nThird line.",
    )
