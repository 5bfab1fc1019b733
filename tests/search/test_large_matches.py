"""Words found in many documents are counted from the column snapshot, and words found in at
least half of them are listed unranked (bm25 would weigh them at zero). The suite runs this on
SQLite and on PostgreSQL: both engines give the same counts and the same order."""

import pytest

from citypeers.search.backends import SearchFilters, search
from citypeers.search.backends import columns as column_snapshot
from citypeers.search.services import index_document, remove_document

pytestmark = pytest.mark.django_db

DOCS = [
    # object_id, kind, title, public, state, year, population, areas
    (1, "profile", "Springfield, IL", True, "IL", None, 114_000, ("housing",)),
    (2, "profile", "Springfield, MO", True, "MO", None, 169_000, ()),
    (3, "insight", "Springfield land trust", True, "IL", 2024, None, ("housing", "heat")),
    (4, "solution", "Cooling the Springfield square", True, "MO", 2023, 169_000, ("heat",)),
    (5, "guide", "Housing guide", True, "", 2025, None, ("housing",)),
    (6, "insight", "Private Springfield notes", False, "IL", 2024, 114_000, ("heat",)),
    (7, "webinar", "Springfield webinar", True, "MO", 2025, None, ()),
    (8, "profile", "Shelbyville, IL", True, "IL", None, 4_000, ()),
]


def _index(object_id, kind, title, public, state, year, population, areas):
    index_document(
        kind=kind,
        object_id=object_id,
        title=title,
        body="springfield" if "Springfield" not in title and object_id != 8 else "",
        url=f"/{kind}/{object_id}/",
        is_public=public,
        state=state,
        year=year,
        population=population,
        areas=areas,
    )


@pytest.fixture
def docs(db):
    for doc in DOCS:
        _index(*doc)


@pytest.fixture
def snapshot_from(monkeypatch):
    def use_snapshot_above(threshold):
        monkeypatch.setattr(column_snapshot, "COLUMN_THRESHOLD", threshold)

    return use_snapshot_above


FILTERS = [
    SearchFilters(),
    SearchFilters(states=("IL",)),
    SearchFilters(areas=("heat", "housing")),
    SearchFilters(bands=("50k-250k",), years=(2023, 2024)),
]


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("include_private", [False, True])
def test_the_snapshot_counts_exactly_what_sql_counts(docs, snapshot_from, filters, include_private):
    snapshot_from(1_000_000)
    by_sql = search("springfield", include_private=include_private, filters=filters, facets=True)
    snapshot_from(2)
    by_columns = search(
        "springfield", include_private=include_private, filters=filters, facets=True
    )

    assert by_columns.counts == by_sql.counts
    assert by_columns.facets == by_sql.facets
    assert by_columns.total == by_sql.total


def test_facet_counts_of_a_large_match_in_numbers(docs, snapshot_from):
    snapshot_from(2)

    results = search("springfield", facets=True)

    # Everything but Shelbyville has the word; the private insight is hidden.
    assert results.counts == {"profile": 2, "insight": 1, "solution": 1, "guide": 1, "webinar": 1}
    assert results.facets == {
        "area": {"heat": 2, "housing": 3},
        "state": {"IL": 2, "MO": 3},
        "band": {"50k-250k": 3},
        "year": {"2023": 1, "2024": 1, "2025": 2},
    }


def test_a_word_in_half_the_documents_lists_exact_places_first_then_the_newest(docs, snapshot_from):
    snapshot_from(2)

    results = search("springfield", limit=20)

    assert [h.title for h in results.hits] == [
        "Springfield, MO",  # the exact places, the most populous first
        "Springfield, IL",
        "Springfield webinar",  # then the most recently indexed
        "Housing guide",
        "Cooling the Springfield square",
        "Springfield land trust",
    ]
    assert {h.rank for h in results.hits} == {0.0}
    assert str(results.hits[0].title_html) == "<mark>Springfield</mark>, MO"


def test_pages_of_an_unranked_word_follow_on_across_the_exact_places(docs, snapshot_from):
    snapshot_from(2)
    everything = [h.title for h in search("springfield", limit=20).hits]

    pages = [search("springfield", limit=2, offset=offset).hits for offset in (0, 2, 4)]

    assert [h.title for page in pages for h in page] == everything
    assert [h.title for h in search("springfield", limit=3, offset=1).hits] == everything[1:4]


def test_filters_and_kinds_apply_to_unranked_words(docs, snapshot_from):
    snapshot_from(2)

    results = search("springfield", kinds=["profile"], filters=SearchFilters(states=("IL",)))

    assert [h.title for h in results.hits] == ["Springfield, IL"]


def test_a_word_in_under_half_the_documents_is_still_ranked(docs, snapshot_from):
    snapshot_from(1)
    index_document(kind="insight", object_id=9, title="Heat", body="", url="/i/9/", is_public=True)
    for n in range(10, 16):
        index_document(
            kind="insight",
            object_id=n,
            title=f"Note {n}",
            body="other",
            url=f"/i/{n}/",
            is_public=True,
        )

    results = search("heat")

    assert results.hits[0].title == "Heat"
    assert results.hits[0].rank > 0


def test_writes_are_counted_at_once(docs, snapshot_from):
    snapshot_from(2)
    assert search("springfield").counts["profile"] == 2

    _index(20, "profile", "Springfield, OH", True, "OH", None, 58_000, ("heat",))
    assert search("springfield").counts["profile"] == 3
    assert search("springfield", facets=True).facets["area"] == {"heat": 3, "housing": 3}

    remove_document(kind="profile", object_id=1)
    index_document(
        kind="solution",
        object_id=4,
        title="Cooling the Springfield square",
        body="",
        url="/solution/4/",
        is_public=True,
        state="MO",
        areas=("water",),
    )
    results = search("springfield", facets=True)
    assert results.counts == {"profile": 2, "insight": 1, "solution": 1, "guide": 1, "webinar": 1}
    assert results.facets["area"] == {"heat": 2, "housing": 2, "water": 1}
