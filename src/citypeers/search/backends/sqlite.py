"""SQLite FTS5: an external-content virtual table `search_fts` kept in step by triggers.

The table and triggers are created by migration 0002. `bm25()` weights title matches above body
matches; FTS5 ranks are "lower is better", so they are negated for callers.
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
    highlight_html,
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


class SqliteFts5Backend:
    vendor = "sqlite"

    def counts(
        self, query: ParsedQuery, *, include_private: bool, filters: SearchFilters = NO_FILTERS
    ) -> dict[str, int]:
        where, params = filter_sql(None, include_private, filters)
        sql = f"SELECT d.kind, COUNT(*) {_FROM}{where} GROUP BY d.kind"
        with connection.cursor() as cursor:
            cursor.execute(sql, [to_fts5(query), *params])
            return dict(cursor.fetchall())

    def facets(self, query, *, kinds, include_private, filters=NO_FILTERS):
        where, params = filter_sql(kinds, include_private, filters)
        sql, all_params = facet_sql(_FROM, [to_fts5(query)], where, params)
        with connection.cursor() as cursor:
            cursor.execute(sql, all_params)
            return facets_from_rows(cursor.fetchall())

    def hits(self, query, *, kinds, include_private, limit, offset, filters=NO_FILTERS):
        where, params = filter_sql(kinds, include_private, filters)
        # Rank first and keep only the page; snippet() and highlight() are costly, so they run
        # for those rows alone (FTS5 answers `MATCH ... AND rowid = ?` with a direct lookup).
        sql = (
            f"WITH top AS (SELECT d.id AS id, {EXACT_FIRST} AS exact, "
            "bm25(search_fts, %s, %s, %s) AS score "
            f"{_FROM}{where} ORDER BY exact, score, d.id LIMIT %s OFFSET %s) "
            "SELECT d.id, d.kind, d.object_id, d.title, d.url, d.state, d.jurisdiction_id, "
            "d.is_public, top.score, highlight(search_fts, 0, %s, %s), "
            "snippet(search_fts, 1, %s, %s, '…', %s), d.is_demo "
            "FROM top JOIN search_fts ON search_fts.rowid = top.id "
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
                    MARK_START,
                    MARK_END,
                    MARK_START,
                    MARK_END,
                    SNIPPET_TOKENS,
                    match,
                ],
            )
            rows = cursor.fetchall()
        return [
            SearchHit(
                id=row[0],
                kind=row[1],
                object_id=row[2],
                title=row[3],
                url=row[4],
                state=row[5],
                jurisdiction_id=row[6],
                is_public=bool(row[7]),
                rank=-row[8],
                title_html=highlight_html(row[9]),
                snippet_html=highlight_html(row[10]),
                is_demo=bool(row[11]),
            )
            for row in rows
        ]

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
