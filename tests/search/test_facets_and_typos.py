"""One search over everything: taxonomy words, facets that combine, and misspelt names.

Runs on both databases (the suite runs once on SQLite and once on PostgreSQL)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citypeers.knowledge.services import seed_taxonomy
from citypeers.search import fuzzy
from citypeers.search.backends import SearchFilters, search
from citypeers.search.query import parse_query
from citypeers.search.services import index_document, rebuild_index
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.django_db


def _doc(object_id, title, *, kind="insight", body="", areas=(), state="TN", year=2024, pop=None):
    return index_document(
        kind=kind,
        object_id=object_id,
        title=title,
        body=body,
        url=f"/{kind}/{object_id}/",
        is_public=True,
        state=state,
        areas=areas,
        year=year,
        population=pop,
    )


@pytest.fixture
def taxonomy():
    seed_taxonomy()


def test_a_challenge_word_finds_content_filed_under_it_whatever_its_words(taxonomy):
    _doc(
        1,
        "Community land trusts",
        body="A trust holds the land; homes stay cheap.",
        areas=("affordable-housing-supply",),
    )
    _doc(2, "Cool roofs", kind="solution", body="White roofs.", areas=("urban-heat-island",))
    _doc(
        3, "Land trust webinar", kind="webinar", body="Recording.", areas=("housing-affordability",)
    )

    results = search("housing")

    assert sorted((h.kind, h.object_id) for h in results.hits) == [("insight", 1), ("webinar", 3)]


def test_facets_count_every_dimension_and_filters_combine(taxonomy):
    _doc(1, "Heat plan", areas=("urban-heat-island",), state="AZ", year=2023, pop=1_600_000)
    _doc(
        2,
        "Heat map",
        areas=("urban-heat-island", "tree-canopy"),
        state="AZ",
        year=2024,
        pop=180_000,
    )
    _doc(3, "Heat shelters", areas=("heat-health",), state="TX", year=2024, pop=8_000)

    everything = search("heat", facets=True)
    narrowed = search("heat", facets=True, filters=SearchFilters(states=("AZ",), years=(2024,)))

    assert everything.facets == {
        "area": {"urban-heat-island": 2, "tree-canopy": 1, "heat-health": 1},
        "state": {"AZ": 2, "TX": 1},
        "band": {"1m-plus": 1, "50k-250k": 1, "under-10k": 1},
        "year": {"2023": 1, "2024": 2},
    }
    assert [h.object_id for h in narrowed.hits] == [2]
    assert narrowed.facets == {
        "area": {"urban-heat-island": 1, "tree-canopy": 1},
        "state": {"AZ": 1},
        "band": {"50k-250k": 1},
        "year": {"2024": 1},
    }
    by_area_and_band = search(
        "heat", filters=SearchFilters(areas=("urban-heat-island",), bands=("1m-plus", "under-10k"))
    )
    assert [h.object_id for h in by_area_and_band.hits] == [1]


def test_a_misspelt_city_name_finds_the_city_first():
    JurisdictionFactory(name="Chattanooga", state="TN")
    JurisdictionFactory(name="Chattanooga Valley", state="GA")
    JurisdictionFactory(name="Knoxville", state="TN")
    rebuild_index(kinds=["profile"])
    _doc(90, "Chattanooga's broadband story", kind="solution", state="TN")

    results = search("Chatanooga")

    assert results.corrected == "chattanooga"
    assert results.hits[0].title == "Chattanooga, TN"
    assert {h.title for h in results.hits} >= {"Chattanooga, TN", "Chattanooga Valley, GA"}


def test_the_exact_city_comes_before_longer_names_and_other_kinds():
    JurisdictionFactory(name="Springfield Township", state="PA")
    JurisdictionFactory(name="Springfield", state="IL")
    rebuild_index(kinds=["profile"])
    _doc(91, "Springfield solar", kind="solution", state="IL", body="Springfield")

    assert search("springfield").hits[0].title == "Springfield, IL"


def test_every_jurisdiction_is_findable_by_name_even_without_content():
    JurisdictionFactory(name="Quietville", state="VT")

    rebuild_index(kinds=["profile"])

    assert [h.title for h in search("Quietville").hits] == ["Quietville, VT"]


def test_a_known_word_is_never_corrected_and_nothing_found_stays_nothing():
    JurisdictionFactory(name="Chattanooga", state="TN")
    rebuild_index(kinds=["profile"])

    assert search("zzzzqqqq").total == 0
    assert search("zzzzqqqq").corrected == ""
    assert search("Chattanooga").corrected == ""


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)


@given(st.lists(WORDS, min_size=1, max_size=30), st.text(max_size=60))
def test_correction_never_raises_and_only_ever_offers_known_words(names, typed):
    vocabulary = fuzzy.Vocabulary(f"{name.title()}, TX" for name in names)
    query = parse_query(typed)
    better = vocabulary.correct(query)
    if better is not None:
        changed = {w for clause in better.clauses for t in clause for w in t.words} - {
            w for clause in query.clauses for t in clause for w in t.words
        }
        assert changed <= vocabulary.words


def test_of_several_places_with_the_searched_name_the_most_populous_comes_first():
    JurisdictionFactory(name="Chattanooga", state="OK", population=400)
    JurisdictionFactory(name="Chattanooga", state="TN", population=180_000)
    rebuild_index(kinds=["profile"])

    assert [h.title for h in search("chattanooga").hits[:2]] == [
        "Chattanooga, TN",
        "Chattanooga, OK",
    ]


def test_a_whole_word_does_not_bring_every_name_that_starts_like_it():
    JurisdictionFactory(name="Houston", state="TX")
    rebuild_index(kinds=["profile"])
    _doc(5, "Housing first pilot", kind="solution")

    assert [h.title for h in search("housing").hits] == ["Housing first pilot"]
    assert [h.title for h in search("houst").hits] == ["Houston, TX"]


def test_grouped_page_lists_what_its_counts_counted(client):
    JurisdictionFactory(name="Houston", state="TX")
    rebuild_index(kinds=["profile"])
    _doc(5, "Housing first pilot", kind="solution")

    page = client.get("/search/", {"q": "housing"}).content.decode()

    assert "<mark>Housing</mark> first pilot" in page
    assert "Houston" not in page


def test_places_lead_the_page_only_when_the_search_names_one(client):
    JurisdictionFactory(name="Chattanooga", state="TN")
    rebuild_index(kinds=["profile"])
    _doc(6, "Heat plan for Chattanooga", kind="solution")
    # An id no directory entry has: a profile document is keyed by its jurisdiction's id, and
    # PostgreSQL does not reset ids between tests, so a small one could replace Chattanooga's.
    _doc(900_000_001, "Springfield, IL", kind="profile", body="Challenges: Urban heat")

    def profiles_first(q):
        page = client.get("/search/", {"q": q}).content.decode()
        return page.index('id="group-profile"') < page.index('id="group-solution"')

    assert (profiles_first("chattanooga"), profiles_first("heat")) == (True, False)
