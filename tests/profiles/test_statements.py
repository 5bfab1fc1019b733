"""A source that names several of a city's challenges in one sentence is said once on the
profile, beside every area it names."""

import pytest

from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import ChallengeAreaFactory, ChallengeStatementFactory

pytestmark = pytest.mark.django_db

SENTENCE = "A report names housing and transit among the city's issues."


def test_one_sentence_for_several_areas_is_shown_once(client):
    city = JurisdictionFactory()
    housing = ChallengeAreaFactory(name="Housing supply", order=1)
    transit = ChallengeAreaFactory(name="Transit access", order=2)
    heat = ChallengeAreaFactory(name="Urban heat", order=3)
    for area in (housing, transit):
        ChallengeStatementFactory(
            jurisdiction=city, area=area, narrative=SENTENCE, source_note="A report, 2019"
        )
    ChallengeStatementFactory(jurisdiction=city, area=heat, narrative="Summers got hotter.")

    page = client.get(city.get_absolute_url()).content.decode()

    assert page.count("names housing and transit") == 1
    assert page.count("Source: A report, 2019") == 1
    assert [page.count(name) >= 1 for name in ("Housing supply", "Transit access")] == [True] * 2
    assert page.count("Summers got hotter.") == 1


def test_statements_group_by_words_and_source_in_first_seen_order():
    from citypeers.profiles.templatetags.profiles_tags import grouped_statements

    city = JurisdictionFactory()
    first, second = (
        ChallengeStatementFactory(jurisdiction=city, narrative=SENTENCE, source_note="A report")
        for _ in range(2)
    )
    other = ChallengeStatementFactory(jurisdiction=city, narrative=SENTENCE, source_note="Other")

    assert grouped_statements([first, other, second]) == [[first, second], [other]]
