"""The replication report: what spread, where it stalled and why, barriers, and cost per unit
of outcome where both are recorded, in a fixed number of queries."""

from decimal import Decimal

import pytest
from django.urls import reverse

from citypeers.coalitions.enums import ReplicationStage, ReplicationVisibility
from citypeers.coalitions.models import ReplicationCost
from citypeers.coalitions.selectors.report import replication_report
from tests.factories.accounts import UserFactory
from tests.factories.coalitions import (
    ReplicationBarrierFactory,
    ReplicationFactory,
    ReplicationOutcomeFactory,
)
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import SolutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger():
    origin = JurisdictionFactory(name="Origin", state="CO")
    trust = SolutionFactory(owner=origin, title="Land trust")
    a, b, c = (
        JurisdictionFactory(name=n, state=s) for n, s in (("A", "TX"), ("B", "AZ"), ("C", "TX"))
    )
    piloting = ReplicationFactory(solution=trust, adopter=a, stage=ReplicationStage.PILOTING)
    dropped = ReplicationFactory(
        solution=trust, adopter=b, stage=ReplicationStage.DROPPED, stage_reason="No land left."
    )
    other = ReplicationFactory(adopter=c, stage=ReplicationStage.ADAPTING)
    ReplicationBarrierFactory(replication=dropped)
    ReplicationBarrierFactory(replication=piloting)
    ReplicationCost.objects.create(
        replication=piloting, kind="capital", amount=Decimal("80000"), year=2025
    )
    ReplicationCost.objects.create(
        replication=piloting, kind="operating", amount=Decimal("20000"), year=2025
    )
    ReplicationOutcomeFactory(replication=piloting, baseline=4, value=12, unit="homes")
    return {
        "ids": {origin.pk, a.pk, b.pk, c.pk},
        "piloting": piloting,
        "dropped": dropped,
        "other": other,
    }


def test_the_report_says_what_spread_where_it_stalled_and_what_it_cost(ledger):
    member = UserFactory(is_network_organiser=True)

    report = replication_report(member, ledger["ids"])

    assert report.total == 3
    assert [(str(s.solution), s.adopters, len(s.states)) for s in report.spread[:1]] == [
        (
            "Land trust",
            2,
            2,
        )
    ]
    assert [(r.pk, r.stage_reason) for r in report.stalled] == [
        (ledger["dropped"].pk, "No land left.")
    ]
    assert report.barriers == [("Procurement", 2)]
    [cost] = report.cost_per_outcome
    assert (cost.change, cost.cost, cost.per_unit) == (8.0, Decimal("100000"), Decimal("12500.00"))


def test_visitors_see_only_public_records(ledger):
    from django.contrib.auth.models import AnonymousUser

    ledger["other"].visibility = ReplicationVisibility.PUBLIC
    ledger["other"].save()
    organiser = UserFactory(is_network_organiser=True)

    assert (
        replication_report(AnonymousUser(), ledger["ids"]).total,
        replication_report(organiser, ledger["ids"]).total,
    ) == (1, 3)


@pytest.mark.parametrize("extra", [0, 4])
def test_the_report_costs_five_queries_whatever_its_size(ledger, extra, django_assert_num_queries):
    for _ in range(extra):
        ReplicationBarrierFactory(
            replication=ReplicationFactory(adopter=ledger["piloting"].adopter)
        )
    organiser = UserFactory(is_network_organiser=True)

    # who may see what, the records, then their costs, outcomes and barriers
    with django_assert_num_queries(5):
        replication_report(organiser, ledger["ids"])


def test_the_pages_show_the_report(client, ledger):
    from tests.factories.accounts import CoalitionFactory

    client.force_login(UserFactory(is_network_organiser=True))
    coalition = CoalitionFactory()
    page = client.get(reverse("coalitions:coalition-report", kwargs={"slug": coalition.slug}))

    assert page.status_code == 200
    assert "No replication records yet." in page.content.decode()


def test_loops_close_in_the_year_of_the_first_outcome_of_a_record_prompted_by_a_workshop(ledger):
    import datetime as dt

    from tests.factories.workshops import WorkshopFactory

    piloting = ledger["piloting"]
    piloting.prompted_by_workshop = WorkshopFactory()
    piloting.save()
    piloting.outcomes.update(measured_on=dt.date(2026, 3, 1))
    ReplicationOutcomeFactory(replication=piloting, measured_on=dt.date(2025, 9, 1))
    ReplicationOutcomeFactory(replication=ledger["other"], measured_on=dt.date(2026, 1, 1))

    report = replication_report(UserFactory(is_network_organiser=True), ledger["ids"])

    assert report.loops_closed == [(2025, 1)]


def test_the_api_gives_the_report_as_data(client, ledger):
    from citypeers.accounts.models import JurisdictionMembership
    from tests.factories.accounts import CoalitionFactory

    coalition = CoalitionFactory()
    for city_id in ledger["ids"]:
        JurisdictionMembership.objects.create(organisation=coalition, jurisdiction_id=city_id)
    client.force_login(UserFactory(is_network_organiser=True))

    body = client.get(
        reverse("api:coalition_replication_report", kwargs={"slug": coalition.slug})
    ).json()

    assert (body["records"], body["barriers"], body["stalled"][0]["reason"]) == (
        3,
        {"Procurement": 2},
        "No land left.",
    )
    assert body["cost_per_outcome"][0]["cost_per_unit"] == 12500.0
