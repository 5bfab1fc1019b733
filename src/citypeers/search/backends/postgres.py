"""PostgreSQL: a stored, weighted `tsvector` column with a GIN index (migration 0002).

Titles weigh A and bodies B; `ts_rank_cd` ranks. Headlines are computed only for the page of
hits, because `ts_headline` re-parses the whole document.
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
from citypeers.search.query import ParsedQuery, to_tsquery

CONFIG = "english"
TITLE_OPTIONS = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"
BODY_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, ShortWord=2, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)
_QUERY = f"to_tsquery('{CONFIG}', %s)"
_MATCH = f"FROM search_searchdocument d WHERE d.search_vector @@ {_QUERY}"


class PostgresFullTextBackend:
    vendor = "postgresql"

    def counts(
        self, query: ParsedQuery, *, include_private: bool, filters: SearchFilters = NO_FILTERS
    ) -> dict[str, int]:
        where, params = filter_sql(None, include_private, filters)
        sql = (
            f"SELECT d.kind, COUNT(*) FROM search_searchdocument d "
            f"WHERE d.search_vector @@ {_QUERY}{where} GROUP BY d.kind"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [to_tsquery(query), *params])
            return dict(cursor.fetchall())

    def facets(self, query, *, kinds, include_private, filters=NO_FILTERS):
        where, params = filter_sql(kinds, include_private, filters)
        sql, all_params = facet_sql(_MATCH, [to_tsquery(query)], where, params)
        with connection.cursor() as cursor:
            cursor.execute(sql, all_params)
            return facets_from_rows(cursor.fetchall())

    def hits(self, query, *, kinds, include_private, limit, offset, filters=NO_FILTERS):
        where, params = filter_sql(kinds, include_private, filters)
        sql = (
            f"WITH q AS (SELECT {_QUERY} AS query), "
            f"ranked AS (SELECT d.id, {EXACT_FIRST} AS exact, "
            "ts_rank_cd(d.search_vector, q.query) AS score "
            f"FROM search_searchdocument d, q WHERE d.search_vector @@ q.query{where} "
            "ORDER BY exact, score DESC, d.id LIMIT %s OFFSET %s) "
            "SELECT d.id, d.kind, d.object_id, d.title, d.url, d.state, d.jurisdiction_id, "
            f"d.is_public, ranked.score, ts_headline('{CONFIG}', d.title, q.query, %s), "
            f"ts_headline('{CONFIG}', d.body, q.query, %s), d.is_demo "
            "FROM ranked JOIN search_searchdocument d ON d.id = ranked.id CROSS JOIN q "
            "ORDER BY ranked.exact, ranked.score DESC, d.id"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [
                    to_tsquery(query),
                    exact_title_pattern(query),
                    *params,
                    limit,
                    offset,
                    TITLE_OPTIONS,
                    BODY_OPTIONS,
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
                is_public=row[7],
                rank=row[8],
                title_html=highlight_html(row[9]),
                snippet_html=highlight_html(row[10]),
                is_demo=row[11],
            )
            for row in rows
        ]

    def object_ids_sql(self, query, *, kind):
        sql = (
            "SELECT d.object_id FROM search_searchdocument d "
            f"WHERE d.search_vector @@ {_QUERY} AND d.kind = %s"
        )
        return sql, [to_tsquery(query), kind]

    def rank_sql(self, query, *, kind, outer_pk):
        sql = (
            f"SELECT ts_rank_cd(s.search_vector, {_QUERY}) FROM search_searchdocument s "
            f"WHERE s.kind = %s AND s.object_id = {outer_pk}"
        )
        return sql, [to_tsquery(query), kind]
