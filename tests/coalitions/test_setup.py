import io

import pytest

from citypeers.coalitions import services, setup
from citypeers.coalitions.models import CoalitionProfile, Partnership, Replication
from citypeers.knowledge.models import ChallengeArea
from citypeers.knowledge.setup import load_demo_content, seed_taxonomy
from tests.factories.accounts import CoalitionFactory, UserFactory
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


def _partnership():
    return Partnership.objects.get(slug=setup.PARTNERSHIP_SLUG)


def test_setup_site_keeps_a_partnership_edited_on_the_site(demo_world):
    setup.setup_site(io.StringIO())
    organiser = UserFactory(is_network_organiser=True)
    services.update_partnership(
        partnership=_partnership(),
        actor=organiser,
        expected_version=1,
        description="Our own words.",
    )
    out = io.StringIO()

    setup.setup_site(out)

    assert (_partnership().description, _partnership().version) == ("Our own words.", 2)
    assert out.getvalue() == (  # a command's stdout ends each write with a newline
        "    (kept National Smart Coalitions Partnership: edited on CityPeers since it was "
        "seeded, not overwritten)"
        "    coalitions: 7 coalitions, 1 partnership kept as edited, 0 demo replications added"
    )


def test_setup_site_keeps_a_partnership_edited_elsewhere(demo_world):
    """A change that bypasses the version (as the Django admin's form would) shows as a
    fingerprint that no longer matches what the seed wrote."""
    setup.setup_site(io.StringIO())
    area = ChallengeArea.objects.get(slug="open-data")
    _partnership().agenda.remove(area)

    setup.setup_site(io.StringIO())

    assert (_partnership().version, list(_partnership().agenda.filter(pk=area.pk))) == (1, [])


def test_setup_site_refreshes_a_partnership_nobody_edited(demo_world, monkeypatch):
    setup.setup_site(io.StringIO())
    monkeypatch.setattr(setup, "PARTNERSHIP_TEXT", "A newer description from the seed.")

    setup.setup_site(io.StringIO())

    assert (_partnership().description, _partnership().version) == (
        "A newer description from the seed.",
        1,
    )


def test_setup_site_never_overwrites_a_partnership_people_made(demo_world):
    """A partnership made on the site under the seed's slug is not demo content: kept."""
    admin = UserFactory(is_superuser=True)
    coalitions = [CoalitionFactory(), CoalitionFactory()]
    services.save_partnership(
        slug=setup.PARTNERSHIP_SLUG, name="Our partnership", actor=admin, coalitions=coalitions
    )

    setup.setup_site(io.StringIO())

    assert (_partnership().name, _partnership().coalitions.count()) == ("Our partnership", 2)
