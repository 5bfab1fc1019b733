"""SQLite FTS5: an external-content virtual table `search_fts` kept in step by triggers.

The table and triggers are created by migration 0002. `bm25()` weights title matches above body
matches; FTS5 ranks are "lower is better", so they are negated for callers.
"""

from django.db import connection

from citypeers.search.backends.base import MARK_END, MARK_START, SearchHit, highlight_html
from citypeers.search.query import ParsedQuery, to_fts5

TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0
SNIPPET_TOKENS = 24

_FROM = (
    "FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid "
    "WHERE search_fts MATCH %s"
)


def _filters(kinds: list[str] | None, include_private: bool) -> tuple[str, list]:
    sql, params = "", []
    if kinds:
        sql += " AND d.kind IN (" + ", ".join(["%s"] * len(kinds)) + ")"
        params += list(kinds)
    if not include_private:
        sql += " AND d.is_public"
    return sql, params


class SqliteFts5Backend:
    vendor = "sqlite"

    def counts(self, query: ParsedQuery, *, include_private: bool) -> dict[str, int]:
        where, params = _filters(None, include_private)
        sql = f"SELECT d.kind, COUNT(*) {_FROM}{where} GROUP BY d.kind"
        with connection.cursor() as cursor:
            cursor.execute(sql, [to_fts5(query), *params])
            return dict(cursor.fetchall())

    def hits(self, query, *, kinds, include_private, limit, offset):
        where, params = _filters(kinds, include_private)
        # Rank first and keep only the page; snippet() and highlight() are costly, so they run
        # for those rows alone (FTS5 answers `MATCH ... AND rowid = ?` with a direct lookup).
        sql = (
            "WITH top AS (SELECT d.id AS id, bm25(search_fts, %s, %s) AS score "
            f"{_FROM}{where} ORDER BY score, d.id LIMIT %s OFFSET %s) "
            "SELECT d.id, d.kind, d.object_id, d.title, d.url, d.state, d.jurisdiction_id, "
            "d.is_public, top.score, highlight(search_fts, 0, %s, %s), "
            "snippet(search_fts, 1, %s, %s, '…', %s), d.is_demo "
            "FROM top JOIN search_fts ON search_fts.rowid = top.id "
            "JOIN search_searchdocument d ON d.id = top.id "
            "WHERE search_fts MATCH %s ORDER BY top.score, d.id"
        )
        match = to_fts5(query)
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [
                    TITLE_WEIGHT,
                    BODY_WEIGHT,
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
            "SELECT -bm25(search_fts, %s, %s) FROM search_fts WHERE search_fts MATCH %s "
            "AND search_fts.rowid = (SELECT s.id FROM search_searchdocument s "
            f"WHERE s.kind = %s AND s.object_id = {outer_pk})"
        )
        return sql, [TITLE_WEIGHT, BODY_WEIGHT, to_fts5(query), kind]
