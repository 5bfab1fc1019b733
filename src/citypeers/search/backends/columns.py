"""Counts and facets over a large set of matches, from a column snapshot of the index.

Joining full-text matches to their documents costs the engines about a microsecond a row, so
counting a word found in 100,000 documents by kind, state, year, population band and area took
hundreds of milliseconds. Above `COLUMN_THRESHOLD` matches the backends fetch the matching ids
as one string instead and count them here, with numpy, against a snapshot of every document's
kind, visibility, state, year, band and areas. The counts are the ones the SQL path gives
(tests compare the two on random data and on both databases).

The snapshot belongs to one process and one stamp of the index, which every write to the
documents or their areas moves (migration 0005; see `large_matches`). Everything here is
pure: plain arrays in, plain dicts out.
"""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from citypeers.search.backends.base import FACETS, POPULATION_BANDS, SearchFilters

# Below this many matches the SQL join is quick and needs no snapshot.
COLUMN_THRESHOLD = 500

_BAND_SLUGS = tuple(slug for slug, _, _, _ in POPULATION_BANDS)
# Upper bounds of every band but the last: searchsorted gives the band's position.
_BAND_EDGES = np.array([high for _, _, _, high in POPULATION_BANDS if high is not None])


@dataclass(frozen=True)
class IndexColumns:
    """One row per document, in id order; codes index into the name tuples."""

    generation: Hashable  # the stamp of the index it was read from
    ids: np.ndarray  # document ids, ascending
    kind: np.ndarray
    kinds: tuple[str, ...]
    public: np.ndarray  # bool
    state: np.ndarray  # -1: no state
    states: tuple[str, ...]
    year: np.ndarray  # 0: no year
    band: np.ndarray  # position in POPULATION_BANDS, -1: no population
    area_row: np.ndarray  # for each (document, area) link: the document's row
    area: np.ndarray
    areas: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.ids)


def _codes(values: Sequence[str], blank_is_none: bool = False) -> tuple[np.ndarray, tuple]:
    names = sorted(set(values) - ({""} if blank_is_none else set()))
    lookup = {name: code for code, name in enumerate(names)}
    if blank_is_none:
        lookup[""] = -1
    codes = np.array(list(map(lookup.__getitem__, values)), dtype=np.int32)
    return codes, tuple(names)


def bands_of(populations: np.ndarray) -> np.ndarray:
    """Band positions for populations, -1 where the population is unknown (negative)."""
    bands = np.searchsorted(_BAND_EDGES, populations, side="right").astype(np.int8)
    bands[populations < 0] = -1
    return bands


def build_columns(
    *,
    generation: Hashable,
    ids: np.ndarray,
    kinds: Sequence[str],
    public: np.ndarray,
    states: Sequence[str],
    years: np.ndarray,
    populations: np.ndarray,
    link_ids: np.ndarray,
    link_areas: Sequence[str],
) -> IndexColumns:
    """One entry per document in any order (state "" for none, year 0 for none, population
    -1 for unknown); `link_ids` and `link_areas` pair each document with an area it is filed
    under."""
    order = np.argsort(ids, kind="stable")
    ids = np.asarray(ids, dtype=np.int64)[order]
    kind, kind_names = _codes(kinds)
    state, state_names = _codes(states, blank_is_none=True)
    link_ids = np.asarray(link_ids, dtype=np.int64)
    link_rows = np.searchsorted(ids, link_ids)
    known = link_rows < len(ids)
    known[known] = ids[link_rows[known]] == link_ids[known]
    area, area_names = _codes(link_areas)
    return IndexColumns(
        generation=generation,
        ids=ids,
        kind=kind[order],
        kinds=kind_names,
        public=np.asarray(public, dtype=bool)[order],
        state=state[order],
        states=state_names,
        year=np.asarray(years, dtype=np.int32)[order],
        band=bands_of(np.asarray(populations, dtype=np.int64)[order]),
        area_row=link_rows[known],
        area=area[known],
        areas=area_names,
    )


def rows_of(columns: IndexColumns, matched_ids: np.ndarray) -> np.ndarray | None:
    """Row positions of the matched ids, or None when an id is not in the snapshot (the
    snapshot is older than the index: reload and ask again)."""
    if not len(matched_ids):
        return np.zeros(0, dtype=np.int64)
    rows = np.searchsorted(columns.ids, matched_ids)
    if rows.max() >= len(columns.ids) or not np.array_equal(columns.ids[rows], matched_ids):
        return None
    return rows


def _isin(codes: np.ndarray, names: tuple[str, ...], wanted: Sequence) -> np.ndarray:
    wanted_codes = [code for code, name in enumerate(names) if name in set(wanted)]
    return np.isin(codes, wanted_codes)


def selected(
    columns: IndexColumns,
    rows: np.ndarray,
    *,
    kinds: Sequence[str] | None,
    include_private: bool,
    filters: SearchFilters,
) -> np.ndarray:
    """The matched rows that pass visibility and every filter (the same rules as filter_sql)."""
    keep = np.ones(len(rows), dtype=bool)
    if kinds:
        keep &= _isin(columns.kind[rows], columns.kinds, kinds)
    if filters.states:
        keep &= _isin(columns.state[rows], columns.states, filters.states)
    if filters.years:
        keep &= np.isin(columns.year[rows], [int(y) for y in filters.years])
    if not include_private:
        keep &= columns.public[rows]
    if filters.bands:
        wanted = [i for i, slug in enumerate(_BAND_SLUGS) if slug in filters.bands]
        keep &= np.isin(columns.band[rows], wanted)
    if filters.areas:
        filed = np.zeros(len(columns), dtype=bool)
        filed[columns.area_row[_isin(columns.area, columns.areas, filters.areas)]] = True
        keep &= filed[rows]
    return rows[keep]


def _named_counts(codes: np.ndarray, names: Sequence[str]) -> dict[str, int]:
    counts = np.bincount(codes[codes >= 0], minlength=len(names))
    return {names[i]: int(n) for i, n in enumerate(counts) if n}


def kind_counts(columns: IndexColumns, rows: np.ndarray) -> dict[str, int]:
    return _named_counts(columns.kind[rows], columns.kinds)


def facet_counts(columns: IndexColumns, rows: np.ndarray) -> dict[str, dict[str, int]]:
    """Matches by state, year, population band and area, as `facets_from_rows` builds them."""
    facets: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    facets["state"] = _named_counts(columns.state[rows], columns.states)
    years, counts = np.unique(columns.year[rows], return_counts=True)
    facets["year"] = {str(y): int(n) for y, n in zip(years, counts, strict=True) if y}
    facets["band"] = dict(sorted(_named_counts(columns.band[rows], _BAND_SLUGS).items()))
    chosen = np.zeros(len(columns), dtype=bool)
    chosen[rows] = True
    facets["area"] = _named_counts(columns.area[chosen[columns.area_row]], columns.areas)
    return facets
