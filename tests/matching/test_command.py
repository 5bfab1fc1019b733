import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import ChallengeAreaFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def cities(db):
    ChallengeAreaFactory(slug="housing-affordability", name="Housing affordability")
    JurisdictionFactory(name="Boston", slug="boston-ma", state="MA", population=650_000)
    JurisdictionFactory(name="Denver", slug="denver-co", state="CO", population=700_000)
    JurisdictionFactory(name="Tiny", slug="tiny-tx", population=600)


def test_peers_command_json(cities):
    out = StringIO()
    call_command(
        "peers",
        "Boston, MA",
        "--challenge",
        "housing-affordability",
        "--json",
        "-k",
        "1",
        stdout=out,
    )
    body = json.loads(out.getvalue())
    assert body["challenge"] == {"slug": "housing-affordability", "name": "Housing affordability"}
    assert [r["jurisdiction"]["slug"] for r in body["results"]] == ["denver-co"]


def test_peers_command_text(cities):
    out = StringIO()
    call_command("peers", "boston-ma", "-k", "1", stdout=out)
    assert out.getvalue().splitlines()[1:] == [
        " 1. Denver, CO  score 100.0 (context 100.0, challenge 0.00)",
        "    Alike in size — population (650,000 vs 700,000). Sources: population: Test data 2021.",
    ]


def test_peers_command_unknown_city(cities):
    with pytest.raises(CommandError) as error:
        call_command("peers", "Atlantis, ZZ")
    assert str(error.value) == "No city matches “Atlantis, ZZ”."
