"""Coalition and partnership pages, roll-ups and the regional dashboard."""

import csv
import io

import pytest
from django.urls import reverse

from citypeers.accounts.services.member_cities import add_network_member
from citypeers.coalitions.selectors import regions
from citypeers.core.enums import PublicationStatus
from tests.factories.accounts import CoalitionFactory
from tests.factories.assessments import CertificationFactory
from tests.factories.coalitions import (
    CoalitionProfileFactory,
    PartnershipFactory,
    ReplicationFactory,
)
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import (
    ChallengeAreaFactory,
    ChallengeStatementFactory,
    SolutionFactory,
)

pytestmark = pytest.mark.integration


def _coalition(cities):
    coalition = CoalitionFactory()
    CoalitionProfileFactory(organisation=coalition)
    for city in cities:
        add_network_member(organisation=coalition, jurisdiction=city)
    return coalition


def test_partnership_counts_each_government_once(client, db):
    shared = JurisdictionFactory()
    first = _coalition([shared, JurisdictionFactory()])
    second = _coalition([shared, JurisdictionFactory(), JurisdictionFactory()])
    partnership = PartnershipFactory(coalitions=[first, second])

    response = client.get(partnership.get_absolute_url())

    assert (response.context["government_count"], response.context["listed_sum"]) == (4, 5)


def test_heat_table_rolls_sub_areas_up_and_counts_cities_once(db):
    top = ChallengeAreaFactory(slug="housing", name="Housing")
    sub = ChallengeAreaFactory(slug="rents", name="Rents", parent=top)
    city = JurisdictionFactory()
    other = JurisdictionFactory()
    ChallengeStatementFactory(jurisdiction=city, area=top)
    ChallengeStatementFactory(jurisdiction=city, area=sub)
    ChallengeStatementFactory(jurisdiction=other, area=sub)
    ChallengeStatementFactory(jurisdiction=JurisdictionFactory(), area=top)  # not a member

    rows = regions._heat_table({city.pk, other.pk})

    assert [(r["area"].name, r["cities"], r["heat"]) for r in rows] == [("Housing", 2, 4)]


@pytest.mark.parametrize(("certified", "shown"), [(4, False), (5, True)])
def test_certification_levels_need_five_certified_members(db, certified, shown):
    cities = [JurisdictionFactory() for _ in range(6)]
    for city in cities[:certified]:
        CertificationFactory(jurisdiction=city, level_title="Silver")

    levels, count, _cycle = regions._levels({c.pk for c in cities})

    assert count == certified
    assert levels == ([("Silver", certified)] if shown else None)


def test_dashboard_csv_lists_members_with_source(client, db):
    city = JurisdictionFactory(name="Plano", population=290_000)
    coalition = _coalition([city])

    response = client.get(
        reverse("coalitions:coalition-dashboard", kwargs={"slug": coalition.slug}) + "?format=csv"
    )

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["section", "name", "state", "value", "unit", "source", "year"]
    assert rows[1] == ["member", "Plano", "TX", "290000", "residents", "Test data", "2021"]


def _members(n):
    area = ChallengeAreaFactory(slug="mobility", name="Mobility")
    cities = [JurisdictionFactory() for _ in range(n)]
    coalition = _coalition(cities)
    for city in cities:
        ChallengeStatementFactory(jurisdiction=city, area=area)
        solution = SolutionFactory(owner=city, status=PublicationStatus.PUBLISHED)
        ReplicationFactory(
            solution=solution,
            adopter=cities[0] if city != cities[0] else cities[-1],
            visibility="public",
        )
    return coalition


@pytest.mark.parametrize("count", [5, 100])
def test_dashboard_query_count_is_constant(client, db, django_assert_num_queries, count):
    coalition = _members(count)
    url = reverse("coalitions:coalition-dashboard", kwargs={"slug": coalition.slug})

    with django_assert_num_queries(10):
        response = client.get(url)

    assert response.context["board"].member_count == count


def test_dashboard_lists_latest_replications_and_counts_all(client, db, monkeypatch):
    monkeypatch.setattr(regions, "REPLICATION_ROWS", 1)
    first, second = JurisdictionFactory(), JurisdictionFactory()
    coalition = _coalition([first, second])
    for adopter in (first, second):
        ReplicationFactory(adopter=adopter, visibility="public")

    board = client.get(
        reverse("coalitions:coalition-dashboard", kwargs={"slug": coalition.slug})
    ).context["board"]

    assert (len(board.replications), board.replication_count, board.stage_counts) == (
        1,
        2,
        {"considering": 2},
    )


def test_api_partnership_dashboard_counts_unique_members(client, db):
    shared = JurisdictionFactory()
    partnership = PartnershipFactory(
        coalitions=[_coalition([shared]), _coalition([shared, JurisdictionFactory()])]
    )

    body = client.get(
        reverse("api:partnership_dashboard", kwargs={"slug": partnership.slug})
    ).json()

    assert (body["member_count"], body["certification_levels"], body["certified_count"]) == (
        2,
        None,
        0,
    )
    assert body["sources"]["challenge_areas"] == (
        "Member governments' published challenge statements on CityPeers"
    )


def test_api_coalition_lists_members(client, db):
    coalition = _coalition([JurisdictionFactory(name="Frisco", slug="frisco-tx")])

    body = client.get(reverse("api:coalition_detail", kwargs={"slug": coalition.slug})).json()

    assert [m["slug"] for m in body["members"]] == ["frisco-tx"]
    assert body["region_states"] == ["TX"]
