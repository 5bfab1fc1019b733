"""What every full-text backend returns, and how highlighted snippets are made safe."""

from dataclasses import dataclass, field
from typing import Protocol

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from citypeers.search.query import ParsedQuery

# Private-use code points mark where a match starts and ends. Indexed text never contains them
# (index_document strips them), so after escaping they can only come from the engine.
MARK_START = "\ue000"
MARK_END = "\ue001"


def strip_markers(text: str) -> str:
    return text.replace(MARK_START, "").replace(MARK_END, "")


def highlight_html(raw: str | None) -> SafeString:
    """Escape engine output, then turn the match markers into <mark> tags."""
    html = escape(raw or "")
    return mark_safe(html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


@dataclass(frozen=True)
class SearchHit:
    id: int
    kind: str
    object_id: int
    title: str
    url: str
    state: str
    jurisdiction_id: int | None
    is_public: bool
    rank: float
    title_html: SafeString
    snippet_html: SafeString
    is_demo: bool = False


def hit_from_row(row, *, rank: float) -> SearchHit:
    """A hit from (id, kind, object_id, title, url, state, jurisdiction_id, is_public, score,
    title highlighted, snippet, is_demo)."""
    return SearchHit(
        id=row[0],
        kind=row[1],
        object_id=row[2],
        title=row[3],
        url=row[4],
        state=row[5],
        jurisdiction_id=row[6],
        is_public=bool(row[7]),
        rank=rank,
        title_html=highlight_html(row[9]),
        snippet_html=highlight_html(row[10]),
        is_demo=bool(row[11]),
    )


@dataclass(frozen=True)
class SearchResults:
    hits: list[SearchHit]
    total: int  # matches among the requested kinds
    counts: dict[str, int] = field(default_factory=dict)  # matches per kind, all kinds
    # Facet -> value -> matches, with every filter applied (only when asked for).
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    corrected: str = ""  # the query actually run, when a misspelt one found nothing
    # The query that ran (whole words, a prefix, or corrected): pass it on with `counts`.
    query: ParsedQuery | None = None


# (slug, label, lowest population, first population above the band or None)
POPULATION_BANDS: list[tuple[str, str, int, int | None]] = [
    ("under-10k", "Under 10,000", 0, 10_000),
    ("10k-50k", "10,000 to 50,000", 10_000, 50_000),
    ("50k-250k", "50,000 to 250,000", 50_000, 250_000),
    ("250k-1m", "250,000 to 1 million", 250_000, 1_000_000),
    ("1m-plus", "1 million or more", 1_000_000, None),
]
BAND_LABELS = {slug: label for slug, label, _, _ in POPULATION_BANDS}
FACETS = ("area", "state", "band", "year")


@dataclass(frozen=True)
class SearchFilters:
    """Filters that combine (AND across facets, OR within one): challenge areas, states,
    population bands and years."""

    areas: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    bands: tuple[str, ...] = ()
    years: tuple[int, ...] = ()


NO_FILTERS = SearchFilters()


def _in(column: str, values) -> tuple[str, list]:
    return f" AND {column} IN (" + ", ".join(["%s"] * len(values)) + ")", list(values)


def filter_sql(
    kinds: list[str] | None, include_private: bool, filters: SearchFilters = NO_FILTERS
) -> tuple[str, list]:
    """` AND …` conditions on the document `d`, with their parameters (both engines)."""
    sql, params = "", []
    columns = (("d.kind", kinds), ("d.state", filters.states), ("d.year", filters.years))
    for column, values in columns:
        if values:
            part, more = _in(column, values)
            sql, params = sql + part, params + more
    if not include_private:
        sql += " AND d.is_public"
    bands = [b for b in POPULATION_BANDS if b[0] in filters.bands]
    if bands:
        ranges = []
        for _, _, low, high in bands:
            ranges.append("(d.population >= %s" + (" AND d.population < %s)" if high else ")"))
            params += [low] + ([high] if high else [])
        sql += " AND (" + " OR ".join(ranges) + ")"
    if filters.areas:
        part, more = _in("a.area", filters.areas)
        sql += (
            " AND EXISTS (SELECT 1 FROM search_searchdocumentarea a WHERE a.document_id = d.id"
            f"{part})"
        )
        params += more
    return sql, params


def _band_case() -> tuple[str, list]:
    whens, params = [], []
    for slug, _, low, high in POPULATION_BANDS:
        if high is None:
            whens.append("WHEN m.population >= %s THEN %s")
            params += [low, slug]
        else:
            whens.append("WHEN m.population < %s THEN %s")
            params += [high, slug]
    return "CASE " + " ".join(whens) + " END", params


def facet_sql(match_sql: str, match_params: list, where: str, params: list) -> tuple[str, list]:
    """One query for every facet's counts over the matches `match_sql` (`FROM … WHERE …` with
    the document as `d`) narrowed by `where`."""
    band, band_params = _band_case()
    sql = (
        f"WITH m AS MATERIALIZED (SELECT d.id, d.state, d.year, d.population {match_sql}{where}) "
        "SELECT 'state', m.state, COUNT(*) FROM m WHERE m.state <> '' GROUP BY m.state "
        "UNION ALL SELECT 'year', CAST(m.year AS TEXT), COUNT(*) FROM m "
        "WHERE m.year IS NOT NULL GROUP BY m.year "
        f"UNION ALL SELECT 'band', {band}, COUNT(*) FROM m WHERE m.population IS NOT NULL "
        "GROUP BY 2 "
        "UNION ALL SELECT 'area', a.area, COUNT(*) FROM m "
        "JOIN search_searchdocumentarea a ON a.document_id = m.id GROUP BY a.area"
    )
    return sql, [*match_params, *params, *band_params]


def facets_from_rows(rows) -> dict[str, dict[str, int]]:
    facets: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for facet, value, count in rows:
        facets[facet][str(value)] = count
    return facets


# A profile titled exactly by the words searched ("Chattanooga, TN") comes first, and of
# several such places the most populous: exact ones sort by minus their population, others
# after them all.
EXACT_FIRST = (
    "CASE WHEN d.kind = 'profile' AND lower(d.title) LIKE %s "
    "THEN -1 - coalesce(d.population, 0) ELSE 0 END"
)


def exact_title_pattern(query: ParsedQuery) -> str:
    """`new york, %`: the LIKE pattern of a profile titled by exactly the words searched.
    Words are letters and digits only (see query.py), so they carry no LIKE wildcard."""
    return " ".join(query.words) + ", %"


class SearchBackend(Protocol):
    """One engine. `query` is already parsed and non-empty; visibility is decided by the caller."""

    def counts(
        self, query: ParsedQuery, *, include_private: bool, filters: SearchFilters = ...
    ) -> dict[str, int]: ...

    def facets(
        self,
        query: ParsedQuery,
        *,
        kinds: list[str] | None,
        include_private: bool,
        filters: SearchFilters = ...,
    ) -> dict[str, dict[str, int]]: ...

    def hits(
        self,
        query: ParsedQuery,
        *,
        kinds: list[str] | None,
        include_private: bool,
        limit: int,
        offset: int,
        filters: SearchFilters = ...,
    ) -> list[SearchHit]: ...

    def object_ids_sql(self, query: ParsedQuery, *, kind: str) -> tuple[str, list]:
        """SQL selecting the object ids of one kind that match, for `pk__in=RawSQL(...)`."""
        ...

    def rank_sql(self, query: ParsedQuery, *, kind: str, outer_pk: str) -> tuple[str, list]:
        """A correlated SQL expression: the relevance of the row `outer_pk` (higher is better)."""
        ...
