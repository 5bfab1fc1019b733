"""The dashboard's queries compiled once per process (`regions.subject_dashboard`) show every
audience exactly what the same queries run through the ORM (`regions.dashboard`) show it."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from citypeers.accounts.services.member_cities import add_network_member
from citypeers.coalitions.selectors import regions
from citypeers.core.enums import PublicationStatus
from citypeers.workshops.enums import InsightAudience, InsightState
from tests.factories.accounts import (
    CityOrganisationFactory,
    CoalitionFactory,
    MembershipFactory,
    UserFactory,
)
from tests.factories.assessments import CertificationFactory
from tests.factories.coalitions import PartnershipFactory, ReplicationFactory
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import (
    ChallengeAreaFactory,
    ChallengeStatementFactory,
    SolutionFactory,
)
from tests.factories.workshops import InsightFactory

pytestmark = pytest.mark.integration


class Region:
    """Coalition `first` (cities a, b, c) and `second` (city d) in one partnership; a
    published and a draft solution of a, one of d; replications public, network-only and
    public over the draft; insights public, members-only and draft."""

    def __init__(self):
        self.a, self.b, self.c, self.d = (JurisdictionFactory() for _ in range(4))
        self.first, self.second = CoalitionFactory(), CoalitionFactory()
        for city in (self.a, self.b, self.c):
            add_network_member(organisation=self.first, jurisdiction=city)
        add_network_member(organisation=self.second, jurisdiction=self.d)
        self.partnership = PartnershipFactory(coalitions=[self.first, self.second])
        area = ChallengeAreaFactory()
        for city in (self.a, self.b, self.d):
            ChallengeStatementFactory(jurisdiction=city, area=area)
        published = SolutionFactory(owner=self.a)
        draft = SolutionFactory(owner=self.a, status=PublicationStatus.DRAFT)
        elsewhere = SolutionFactory(owner=self.d)
        ReplicationFactory(solution=published, adopter=self.b, visibility="public")
        ReplicationFactory(solution=published, adopter=self.c, visibility="network")
        ReplicationFactory(solution=elsewhere, adopter=self.a, visibility="network")
        ReplicationFactory(solution=draft, adopter=self.b, visibility="public")
        InsightFactory(evidence_cities=[self.a, self.b])
        InsightFactory(evidence_cities=[self.c], audience=InsightAudience.MEMBERS)
        InsightFactory(evidence_cities=[self.a], state=InsightState.DRAFT)
        for city in (self.a, self.b):
            CertificationFactory(jurisdiction=city)


def _audiences(region) -> dict:
    city_member = MembershipFactory(
        organisation=CityOrganisationFactory(jurisdiction=region.a)
    ).user
    return {
        "anonymous": AnonymousUser(),
        "coalition member": MembershipFactory(organisation=CoalitionFactory()).user,
        "organiser": UserFactory(is_network_organiser=True),
        "site admin": UserFactory(is_superuser=True),
        "member of city a": city_member,
    }


def _shown(board) -> tuple:
    return (
        [tuple(m) for m in board.members],
        [(r["area"].pk, r["area"].name, r["cities"], r["share"], r["heat"]) for r in board.areas],
        [(s.pk, s.slug, s.title, s.is_demo, s.updated_at, s.owner.name) for s in board.solutions],
        board.solution_count,
        [tuple(r) for r in board.replications],
        board.replication_count,
        board.stage_counts,
        board.levels,
        board.certified_count,
        board.certification_cycle,
        [(i.pk, i.slug, i.title) for i in board.insights],
        board.states,
    )


@pytest.mark.parametrize("lists", [True, False])
def test_prepared_dashboard_equals_the_orm_one_for_every_audience(db, lists):
    region = Region()
    subjects = [
        ("coalition", region.first.pk, regions.members_of([region.first.pk])),
        ("partnership", region.partnership.pk, regions.partnership_members(region.partnership.pk)),
    ]
    counts = {}
    for name, user in _audiences(region).items():
        for kind, pk, ids in subjects:
            prepared = regions.subject_dashboard(user, kind, pk, lists=lists)
            assert _shown(prepared) == _shown(regions.dashboard(user, ids, lists=lists)), (
                name,
                kind,
            )
            counts[(name, kind)] = (
                prepared.member_count,
                prepared.replication_count,
                len(prepared.insights),
            )

    insights = 2 if lists else 0
    assert counts == {
        ("anonymous", "coalition"): (3, 1, 1 if lists else 0),
        ("anonymous", "partnership"): (4, 1, 1 if lists else 0),
        ("coalition member", "coalition"): (3, 3, insights),
        ("coalition member", "partnership"): (4, 3, insights),
        ("organiser", "coalition"): (3, 3, insights),
        ("organiser", "partnership"): (4, 3, insights),
        ("site admin", "coalition"): (3, 4, insights),
        ("site admin", "partnership"): (4, 4, insights),
        ("member of city a", "coalition"): (3, 4, insights),
        ("member of city a", "partnership"): (4, 4, insights),
    }


def test_replication_rows_escape_names_and_tag_demo_records(client, db):
    city = JurisdictionFactory(name="Bay & <Sea>", state="CA")
    coalition = CoalitionFactory()
    add_network_member(organisation=coalition, jurisdiction=city)
    replication = ReplicationFactory(adopter=city, visibility="public", is_demo=True)

    page = client.get(
        reverse("coalitions:coalition-dashboard", kwargs={"slug": coalition.slug})
    ).content.decode()

    cell = re.search(r'<tbody><tr><th scope="row">.*?</th>', page).group(0)
    assert cell == (
        f'<tbody><tr><th scope="row"><a href="{replication.get_absolute_url()}">'
        'Bay &amp; &lt;Sea&gt;, CA</a> <span class="usa-tag bg-gold text-ink">Demo content</span>'
        "</th>"
    )
