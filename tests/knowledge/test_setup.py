import io

import pytest

from citypeers.knowledge import demo
from citypeers.knowledge.models import ChallengeStatement, Solution
from citypeers.knowledge.setup import setup_site
from citypeers.search.models import SearchDocument
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration

CITIES = {key for key, *_ in demo.STATEMENTS} | {s[0] for s in demo.SOLUTIONS}


@pytest.fixture
def cities(db):
    return {
        key: JurisdictionFactory(
            name=key[0], state=key[1], slug=f"{key[0].lower().replace(' ', '-')}-{key[1].lower()}"
        )
        for key in CITIES
    }


def test_setup_site_loads_demo_content_for_every_city(cities):
    setup_site(io.StringIO())
    assert (ChallengeStatement.objects.count(), Solution.objects.count()) == (
        len(demo.STATEMENTS),
        len(demo.SOLUTIONS),
    )


def test_setup_site_is_idempotent(cities):
    setup_site(io.StringIO())
    setup_site(io.StringIO())
    assert (ChallengeStatement.objects.count(), Solution.objects.count()) == (
        len(demo.STATEMENTS),
        len(demo.SOLUTIONS),
    )


def test_setup_site_skips_missing_cities(db):
    JurisdictionFactory(name="Boston", state="MA")
    out = io.StringIO()
    setup_site(out)
    boston_statements = [s for s in demo.STATEMENTS if s[0] == ("Boston", "MA")]
    assert ChallengeStatement.objects.count() == len(boston_statements)
    assert "skipped: " in out.getvalue()


def test_setup_site_demo_solutions_are_labelled(cities):
    setup_site(io.StringIO())
    labels = set(Solution.objects.values_list("is_demo", flat=True))
    titles_ok = all(t.endswith("(demo)") for t in Solution.objects.values_list("title", flat=True))
    assert (labels, titles_ok) == ({True}, True)


def test_setup_site_real_statements_carry_a_source(cities):
    setup_site(io.StringIO())
    real = ChallengeStatement.objects.filter(is_demo=False)
    assert (real.count(), real.filter(source_note="").count()) == (11, 0)


def test_setup_site_gives_two_way_matches(cities):
    setup_site(io.StringIO())
    la, boston = cities[("Los Angeles", "CA")], cities[("Boston", "MA")]

    def solves(owner, needer):
        stated = set(
            ChallengeStatement.objects.filter(jurisdiction=needer).values_list("area_id", flat=True)
        )
        return Solution.objects.filter(owner=owner, challenges__in=stated).exists()

    assert (solves(la, boston), solves(boston, la)) == (True, True)


def test_setup_site_indexes_demo_content(cities):
    setup_site(io.StringIO())
    assert SearchDocument.objects.filter(kind="solution").count() == len(demo.SOLUTIONS)


def test_real_city_statements_carry_no_invented_priority(db):
    from citypeers.knowledge.enums import Priority
    from citypeers.knowledge.models import ChallengeStatement
    from citypeers.knowledge.services import seed_taxonomy
    from citypeers.knowledge.setup import load_demo_content
    from tests.factories.directory import JurisdictionFactory

    seed_taxonomy()
    JurisdictionFactory(name="Boston", state="MA", population=650_000)
    load_demo_content()
    boston = ChallengeStatement.objects.filter(jurisdiction__name="Boston")
    # An installation seeded earlier had "medium" invented: the next setup takes it back.
    boston.update(priority=Priority.MEDIUM)
    load_demo_content()

    assert sorted(set(boston.values_list("priority", "is_demo"))) == [(Priority.UNSTATED, False)]


def test_real_city_statements_rest_on_one_sourced_sentence_per_city(db):
    from citypeers.knowledge.services import seed_taxonomy
    from citypeers.knowledge.setup import load_demo_content

    seed_taxonomy()
    JurisdictionFactory(name="Boston", state="MA", population=650_000)
    JurisdictionFactory(name="Los Angeles", state="CA", population=3_800_000)
    load_demo_content()

    narratives = dict(
        ChallengeStatement.objects.filter(is_demo=False)
        .values_list("jurisdiction__name", "narrative")
        .distinct()
    )
    assert narratives == {"Boston": demo.BOSTON_QUOTE, "Los Angeles": demo.LA_QUOTE}
    assert ChallengeStatement.objects.filter(jurisdiction__name="Boston").count() == 5
    assert ChallengeStatement.objects.filter(jurisdiction__name="Los Angeles").count() == 6


def test_earlier_generated_sentences_are_replaced_and_edited_ones_kept(db):
    from citypeers.knowledge.services import seed_taxonomy
    from citypeers.knowledge.setup import load_demo_content

    seed_taxonomy()
    JurisdictionFactory(name="Boston", state="MA", population=650_000)
    load_demo_content()
    boston = ChallengeStatement.objects.filter(jurisdiction__name="Boston").order_by("id")
    generated = "Named by NLC's chief executive as one of the issues on which … : housing."
    boston.update(narrative=generated)
    edited = boston.first()
    ChallengeStatement.objects.filter(pk=edited.pk).update(narrative="Our own words, since.")

    load_demo_content()

    assert list(boston.values_list("narrative", flat=True)) == [
        "Our own words, since.",
        *[demo.BOSTON_QUOTE] * 4,
    ]
