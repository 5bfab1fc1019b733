import io

import pytest

from citypeers.coalitions import setup
from citypeers.coalitions.models import CoalitionProfile, Partnership, Replication
from citypeers.knowledge.setup import load_demo_content, seed_taxonomy
from tests.factories.accounts import UserFactory
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration

STATE_FIPS = {
    "AZ": "04",
    "CO": "08",
    "FL": "12",
    "IL": "17",
    "KS": "20",
    "MO": "29",
    "TN": "47",
    "TX": "48",
    "LA": "22",
    "CA": "06",
}


@pytest.fixture
def demo_world(db):
    places = {
        ("Denver", "CO"),
        ("Tempe", "AZ"),
        ("Miami", "FL"),
        ("Kansas City", "MO"),
        ("Tucson", "AZ"),
    }
    places |= {city for row in setup.REPLICATIONS for city in [row[1]]}
    for _slug, _name, _web, _states, _mission, cities in setup.COALITIONS:
        places |= set(cities)
    for name, state in sorted(places):
        JurisdictionFactory(
            name=name,
            state=state,
            state_fips=STATE_FIPS[state],
            slug=f"{name.lower().replace(' ', '-').replace('.', '')}-{state}",
        )
    seed_taxonomy()
    load_demo_content()
    UserFactory(is_superuser=True, is_staff=True)


def test_setup_site_builds_the_labelled_partnership_and_is_idempotent(demo_world):
    out = io.StringIO()

    setup.setup_site(out)
    setup.setup_site(out)

    partnership = Partnership.objects.get()
    assert (partnership.name, partnership.is_demo, partnership.coalitions.count()) == (
        "National Smart Coalitions Partnership",
        True,
        7,
    )
    assert sorted(partnership.organisers.values_list("slug", flat=True)) == sorted(setup.FOUNDERS)
    assert CoalitionProfile.objects.count() == 7
    assert Replication.objects.count() == len(setup.REPLICATIONS)
    assert set(Replication.objects.values_list("is_demo", flat=True)) == {True}
    assert len(set(Replication.objects.values_list("adopter__state", flat=True))) >= 3
    assert out.getvalue().endswith(
        "    coalitions: 7 coalitions, 1 partnership, 0 demo replications added"
    )


def test_setup_site_walks_stages_with_history(demo_world):
    setup.setup_site(io.StringIO())

    dropped = Replication.objects.get(adopter__name="Denton")
    assert (dropped.stage, dropped.stage_reason) == ("dropped", setup.DROP_REASON)
    assert list(dropped.stage_changes.values_list("to_stage", flat=True)) == [
        "considering",
        "adapting",
        "dropped",
    ]


def test_setup_site_without_admin_is_skipped(db):
    out = io.StringIO()

    setup.setup_site(out)

    assert out.getvalue() == (
        "    coalitions: skipped (no site admin to act as; run accounts first)"
    )
