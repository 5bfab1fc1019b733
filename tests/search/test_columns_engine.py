"""The column snapshot counts matches exactly as the SQL facet query does (no database)."""

from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from citypeers.search.backends.base import POPULATION_BANDS, SearchFilters
from citypeers.search.backends.columns import (
    IndexColumns,
    bands_of,
    build_columns,
    facet_counts,
    kind_counts,
    rows_of,
    selected,
)

KINDS = ["profile", "insight", "guide"]
STATES = ["", "TX", "AZ"]
AREAS = ["heat", "housing", "water"]


def _band(population):
    if population is None:
        return None
    for slug, _, low, high in POPULATION_BANDS:
        if population >= low and (high is None or population < high):
            return slug
    return None


documents = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.booleans(),
        st.sampled_from(STATES),
        st.one_of(st.none(), st.integers(2015, 2026)),
        st.one_of(st.none(), st.integers(0, 3_000_000)),
        st.sets(st.sampled_from(AREAS)),
        st.booleans(),  # matched by the query
    ),
    max_size=40,
)
filters = st.builds(
    SearchFilters,
    areas=st.lists(st.sampled_from(AREAS), max_size=2).map(tuple),
    states=st.lists(st.sampled_from(["TX", "AZ"]), max_size=1).map(tuple),
    bands=st.lists(st.sampled_from([b[0] for b in POPULATION_BANDS]), max_size=2).map(tuple),
    years=st.lists(st.integers(2015, 2026), max_size=2).map(tuple),
)


def _columns(rows, links) -> IndexColumns:
    """A snapshot from (id, kind, is_public, state, year, population) rows and (id, area)
    links, None standing for unknown as in the database."""
    return build_columns(
        generation=7,
        ids=np.array([r[0] for r in rows], dtype=np.int64),
        kinds=[r[1] for r in rows],
        public=np.array([r[2] for r in rows], dtype=bool),
        states=[r[3] for r in rows],
        years=np.array([r[4] or 0 for r in rows], dtype=np.int64),
        populations=np.array([-1 if r[5] is None else r[5] for r in rows], dtype=np.int64),
        link_ids=np.array([doc for doc, _ in links], dtype=np.int64),
        link_areas=[area for _, area in links],
    )


def _expected(docs, *, kinds, include_private, wanted):
    """The rules of filter_sql and facet_sql, written out plainly."""
    kept = []
    for kind, public, state, year, population, areas, matched in docs:
        if not matched or (kinds and kind not in kinds) or (not include_private and not public):
            continue
        if wanted.states and state not in wanted.states:
            continue
        if wanted.years and year not in wanted.years:
            continue
        if wanted.bands and _band(population) not in wanted.bands:
            continue
        if wanted.areas and not areas & set(wanted.areas):
            continue
        kept.append((kind, state, year, population, areas))
    facets = {
        "area": dict(Counter(a for *_, areas in kept for a in areas)),
        "state": dict(Counter(s for _, s, *_ in kept if s)),
        "band": dict(Counter(_band(p) for *_, p, _ in kept if p is not None)),
        "year": dict(Counter(str(y) for _, _, y, _, _ in kept if y is not None)),
    }
    return dict(Counter(k for k, *_ in kept)), facets


@settings(max_examples=150, deadline=None)
@given(
    docs=documents,
    wanted=filters,
    include_private=st.booleans(),
    kinds=st.sampled_from([None, ["insight"], ["profile", "guide"]]),
)
def test_counts_and_facets_agree_with_the_rules_of_the_sql_path(
    docs, wanted, include_private, kinds
):
    rows = [(i * 3 + 1, d[0], d[1], d[2], d[3], d[4]) for i, d in enumerate(docs)]
    links = [(i * 3 + 1, a) for i, d in enumerate(docs) for a in sorted(d[5])]
    columns = _columns(list(reversed(rows)), links)
    matched = np.array([i * 3 + 1 for i, d in enumerate(docs) if d[6]], dtype=np.int64)
    matched_rows = rows_of(columns, matched)

    chosen = selected(
        columns, matched_rows, kinds=kinds, include_private=include_private, filters=wanted
    )
    everything = selected(
        columns, matched_rows, kinds=None, include_private=include_private, filters=wanted
    )

    expected_kinds, _ = _expected(docs, kinds=None, include_private=include_private, wanted=wanted)
    _, expected_facets = _expected(
        docs, kinds=kinds, include_private=include_private, wanted=wanted
    )
    assert kind_counts(columns, everything) == expected_kinds
    assert facet_counts(columns, chosen) == expected_facets


def test_an_id_the_snapshot_does_not_know_means_the_snapshot_is_stale():
    columns = _columns([(1, "guide", True, "TX", 2024, 10)], [(1, "heat")])

    assert rows_of(columns, np.array([1], dtype=np.int64)).tolist() == [0]
    assert rows_of(columns, np.array([1, 2], dtype=np.int64)) is None
    assert rows_of(columns, np.array([0], dtype=np.int64)) is None


def test_area_links_of_documents_outside_the_snapshot_are_ignored():
    columns = _columns(
        [(5, "guide", True, "", None, None)], [(5, "heat"), (9, "water"), (1, "housing")]
    )

    assert facet_counts(columns, np.array([0]))["area"] == {"heat": 1}


def test_population_bands_follow_the_band_table():
    populations = np.array([-1, 0, 9_999, 10_000, 249_999, 250_000, 999_999, 1_000_000])

    assert bands_of(populations).tolist() == [-1, 0, 0, 1, 2, 3, 3, 4]
