"""SQLite FTS5: an external-content virtual table `search_fts` kept in step by triggers.

The table and triggers are created by migration 0002. `bm25()` weights title matches above body
matches; FTS5 ranks are "lower is better", so they are negated for callers.

A word found in thousands of documents is counted from a column snapshot rather than by
joining every match to its document (`large_matches`). And when every word of a query is in
at least half of the documents, bm25 gives each of them the same zero weight (FTS5 floors an
inverse document frequency that would be negative), so such a query is not ranked at all:
the place titled exactly by it comes first, then the most recently indexed documents.
"""

from django.db import connection

from citypeers.search.backends.base import (
    EXACT_FIRST,
    MARK_END,
    MARK_START,
    NO_FILTERS,
    SearchFilters,
    SearchHit,
    exact_title_pattern,
    facet_sql,
    facets_from_rows,
    filter_sql,
    hit_from_row,
)
from citypeers.search.backends.large_matches import (
    MATCHED_COLUMNS,
    EngineSql,
    LargeMatches,
)
from citypeers.search.query import ParsedQuery, to_fts5

TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0
TERMS_WEIGHT = 0.5  # taxonomy words: found, but below what the text itself says
SNIPPET_TOKENS = 24

_FROM = (
    "FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid "
    "WHERE search_fts MATCH %s"
)


_DECORATE = (
    "SELECT d.id, d.kind, d.object_id, d.title, d.url, d.state, d.jurisdiction_id, "
    "d.is_public, {score}, highlight(search_fts, 0, %s, %s), "
    "snippet(search_fts, 1, %s, %s, '…', %s), d.is_demo "
)
_MARKS: list[str | int] = [MARK_START, MARK_END, MARK_START, MARK_END, SNIPPET_TOKENS]


def _title_bounds(words: str) -> list[str]:
    # Every title starting "<words>, " sorts between "<words>, " and "<words>,!".
    return [f"{words}, ", f"{words},!"]


LARGE = LargeMatches(
    EngineSql(
        stamp="SELECT value FROM search_generation WHERE id = 1",
        matches=f"SELECT {MATCHED_COLUMNS} {_FROM}",
        concat_ids=(
            "SELECT count(*), group_concat(rowid) FROM search_fts WHERE search_fts MATCH %s"
        ),
        documents=(
            "SELECT group_concat(id), group_concat(kind, char(31)), group_concat(is_public), "
            "group_concat(state, char(31)), group_concat(coalesce(year, 0)), "
            "group_concat(coalesce(population, -1)) FROM search_searchdocument"
        ),
        areas=(
            "SELECT group_concat(document_id), group_concat(area, char(31)) "
            "FROM search_searchdocumentarea"
        ),
        # A range the (kind, lower(title)) index answers (SQLite's LIKE could not use it).
        exact_title="lower(d.title) >= %s AND lower(d.title) < %s",
        exact_params=lambda query: _title_bounds(" ".join(query.words)),
    )
)


class SqliteFts5Backend:
    vendor = "sqlite"

    def counts(
        self, query: ParsedQuery, *, include_private: bool, filters: SearchFilters = NO_FILTERS
    ) -> dict[str, int]:
        match = to_fts5(query)
        where, params = filter_sql(None, include_private, filters)
        counted = LARGE.counts(
            match, where, params, include_private=include_private, filters=filters
        )
        if counted is not None:
            return counted
        sql = f"SELECT d.kind, COUNT(*) {_FROM}{where} GROUP BY d.kind"
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *params])
            return dict(cursor.fetchall())

    def facets(self, query, *, kinds, include_private, filters=NO_FILTERS):
        facets = LARGE.facets(
            to_fts5(query), kinds=kinds, include_private=include_private, filters=filters
        )
        if facets is not None:
            return facets
        where, params = filter_sql(kinds, include_private, filters)
        sql, all_params = facet_sql(_FROM, [to_fts5(query)], where, params)
        with connection.cursor() as cursor:
            cursor.execute(sql, all_params)
            return facets_from_rows(cursor.fetchall())

    def hits(self, query, *, kinds, include_private, limit, offset, filters=NO_FILTERS):
        where, params = filter_sql(kinds, include_private, filters)
        unranked = LARGE.unranked_ids(
            query,
            to_fts5(query),
            where,
            params,
            kinds=kinds,
            include_private=include_private,
            filters=filters,
            limit=limit,
            offset=offset,
        )
        if unranked is not None:
            return self._decorated(query, unranked)
        # Rank first and keep only the page; snippet() and highlight() are costly, so they run
        # for those rows alone (FTS5 answers `MATCH ... AND rowid = ?` with a direct lookup).
        sql = (
            f"WITH top AS (SELECT d.id AS id, {EXACT_FIRST} AS exact, "
            "bm25(search_fts, %s, %s, %s) AS score "
            f"{_FROM}{where} ORDER BY exact, score, d.id LIMIT %s OFFSET %s) "
            + _DECORATE.format(score="top.score")
            + "FROM top JOIN search_fts ON search_fts.rowid = top.id "
            "JOIN search_searchdocument d ON d.id = top.id "
            "WHERE search_fts MATCH %s ORDER BY top.exact, top.score, d.id"
        )
        match = to_fts5(query)
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [
                    exact_title_pattern(query),
                    TITLE_WEIGHT,
                    BODY_WEIGHT,
                    TERMS_WEIGHT,
                    match,
                    *params,
                    limit,
                    offset,
                    *_MARKS,
                    match,
                ],
            )
            rows = cursor.fetchall()
        return [hit_from_row(row, rank=-row[8]) for row in rows]

    def _decorated(self, query, ids: list[int]) -> list[SearchHit]:
        if not ids:
            return []
        sql = (
            _DECORATE.format(score="0.0")
            + "FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid "
            "WHERE search_fts MATCH %s AND search_fts.rowid IN ("
            + ", ".join(["%s"] * len(ids))
            + ")"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*_MARKS, to_fts5(query), *ids])
            by_id = {row[0]: hit_from_row(row, rank=0.0) for row in cursor.fetchall()}
        return [by_id[i] for i in ids if i in by_id]

    def object_ids_sql(self, query, *, kind):
        sql = f"SELECT d.object_id {_FROM} AND d.kind = %s"
        return sql, [to_fts5(query), kind]

    def rank_sql(self, query, *, kind, outer_pk):
        # FTS5 answers `rowid = ?` with a direct lookup, so this costs one probe per outer row.
        sql = (
            "SELECT -bm25(search_fts, %s, %s, %s) FROM search_fts WHERE search_fts MATCH %s "
            "AND search_fts.rowid = (SELECT s.id FROM search_searchdocument s "
            f"WHERE s.kind = %s AND s.object_id = {outer_pk})"
        )
        return sql, [TITLE_WEIGHT, BODY_WEIGHT, TERMS_WEIGHT, to_fts5(query), kind]
