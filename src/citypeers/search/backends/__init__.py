"""One search interface over the database's own full-text engine.

`search(query, kinds=, include_private=, limit=, offset=)` parses raw input (never an error),
applies visibility and asks the backend that matches the database: FTS5 on SQLite, tsvector +
GIN on PostgreSQL. Who may see private documents is decided by the caller and passed in as
data (`include_private`), so search never depends on accounts.
"""

from dataclasses import replace

from django.db import connection
from django.db.models import FloatField
from django.db.models.expressions import RawSQL

from citypeers.search import fuzzy
from citypeers.search.backends.base import (
    NO_FILTERS,
    SearchBackend,
    SearchFilters,
    SearchHit,
    SearchResults,
)
from citypeers.search.query import ParsedQuery, parse_query

__all__ = [
    "SearchFilters",
    "SearchHit",
    "SearchResults",
    "get_backend",
    "matching_ids",
    "rank_of",
    "search",
]

MAX_LIMIT = 100

_BACKENDS: dict[str, SearchBackend] = {}


def get_backend() -> SearchBackend:
    # The engines load numpy (for large matches); importing them on first use keeps it out
    # of everything that only writes documents or prints the command line's help.
    if connection.vendor not in _BACKENDS:
        if connection.vendor == "postgresql":
            from citypeers.search.backends.postgres import (  # noqa: PLC0415 - loads numpy
                PostgresFullTextBackend,
            )

            _BACKENDS["postgresql"] = PostgresFullTextBackend()
        else:
            from citypeers.search.backends.sqlite import (  # noqa: PLC0415 - loads numpy
                SqliteFts5Backend,
            )

            _BACKENDS["sqlite"] = SqliteFts5Backend()
    return _BACKENDS[connection.vendor]


def _parsed(query: str | ParsedQuery) -> ParsedQuery:
    return query if isinstance(query, ParsedQuery) else parse_query(query)


def search(
    query: str | ParsedQuery,
    *,
    kinds: list[str] | None = None,
    include_private: bool = False,
    limit: int = 20,
    offset: int = 0,
    counts: dict[str, int] | None = None,
    filters: SearchFilters = NO_FILTERS,
    facets: bool = False,
    correct: bool = True,
) -> SearchResults:
    """Ranked hits with escaped, highlighted snippets, and the number of matches per kind.

    `filters` narrow by challenge area, state, population band and year (they combine);
    `facets=True` also counts the matches by each of those. A query that finds nothing is
    retried with misspelt name words corrected (`corrected` names the query run).
    Pass `counts` from an earlier call with the same filters and visibility to skip counting,
    together with that call's `query` (the query it actually ran).
    """
    parsed = _parsed(query)
    if parsed.is_empty:
        return SearchResults(hits=[], total=0, counts={})
    backend = get_backend()
    limit = max(0, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    if counts is None:
        if parsed.has_prefix:
            # Whole words first: "housing" should not also bring every Houston; the last word
            # is read as the start of a longer one only when whole words find nothing.
            whole = parsed.whole_words()
            counts = backend.counts(whole, include_private=include_private, filters=filters)
            if any(counts.values()):
                parsed = whole
        if counts is None or not any(counts.values()):
            counts = backend.counts(parsed, include_private=include_private, filters=filters)
    total = sum(n for kind, n in counts.items() if not kinds or kind in kinds)
    if total == 0 and correct and not any(counts.values()):
        better = fuzzy.corrected(parsed)
        if better is not None:
            retried = search(
                better,
                kinds=kinds,
                include_private=include_private,
                limit=limit,
                offset=offset,
                filters=filters,
                facets=facets,
                correct=False,
            )
            if retried.total:
                return replace(retried, corrected=fuzzy.display(better))
    hits = []
    if limit and offset < total:
        hits = backend.hits(
            parsed,
            kinds=kinds,
            include_private=include_private,
            limit=limit,
            offset=offset,
            filters=filters,
        )
    facet_counts = (
        backend.facets(parsed, kinds=kinds, include_private=include_private, filters=filters)
        if facets and total
        else {}
    )
    return SearchResults(hits=hits, total=total, counts=counts, facets=facet_counts, query=parsed)


def matching_ids(query: str | ParsedQuery, *, kind: str) -> RawSQL | None:
    """Matching object ids of one kind as SQL, for `Model.objects.filter(pk__in=...)`.

    None when the query is empty (no filter). Visibility is the caller's business: use it on a
    queryset that is already limited to what the user may see.
    """
    parsed = _parsed(query)
    if parsed.is_empty:
        return None
    sql, params = get_backend().object_ids_sql(parsed, kind=kind)
    return RawSQL(sql, params)


def rank_of(query: str | ParsedQuery, *, kind: str, outer_pk: str) -> RawSQL | None:
    """Relevance of each outer row (`outer_pk` is its quoted pk column), for annotate()."""
    parsed = _parsed(query)
    if parsed.is_empty:
        return None
    sql, params = get_backend().rank_sql(parsed, kind=kind, outer_pk=outer_pk)
    return RawSQL(sql, params, output_field=FloatField())
