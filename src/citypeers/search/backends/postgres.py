"""PostgreSQL: a stored, weighted `tsvector` column with a GIN index (migration 0002).

Titles weigh A and bodies B; `ts_rank_cd` ranks. Headlines are computed only for the page of
hits, because `ts_headline` re-parses the whole document.

Large matches are counted from a column snapshot, and a query that at least half of the
documents match is listed unranked, as on SQLite (`large_matches`): the two engines give the
same counts and the same order, and ranking 100,000 matches with `ts_rank_cd` (which reads
every matching document's vector) took most of a second.
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
from citypeers.search.query import ParsedQuery, to_tsquery

CONFIG = "english"
TITLE_OPTIONS = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"
BODY_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, ShortWord=2, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)
_QUERY = f"to_tsquery('{CONFIG}', %s)"
_MATCH = f"FROM search_searchdocument d WHERE d.search_vector @@ {_QUERY}"
# Keep the change log to its last rows; rarely, so that stamps stay mostly stable.
LOG_KEPT = 10_000

LARGE = LargeMatches(
    EngineSql(
        stamp="SELECT count(*), coalesce(max(id), 0) FROM search_changelog",
        matches=f"SELECT {MATCHED_COLUMNS} {_MATCH}",
        concat_ids=f"SELECT count(*), string_agg(d.id::text, ',') {_MATCH}",
        # For a word in most documents the planner prefers reading every row and testing its
        # vector, which took 78 ms at 100k documents against 55 ms through the GIN index.
        concat_setup="SET LOCAL enable_seqscan = off",
        documents=(
            "SELECT string_agg(id::text, ','), string_agg(kind, chr(31)), "
            "string_agg(is_public::int::text, ','), string_agg(state, chr(31)), "
            "string_agg(coalesce(year, 0)::text, ','), "
            "string_agg(coalesce(population, -1)::text, ',') FROM search_searchdocument"
        ),
        areas=(
            "SELECT string_agg(document_id::text, ','), string_agg(area, chr(31)) "
            "FROM search_searchdocumentarea"
        ),
        # text_pattern_ops in the (kind, lower(title)) index lets LIKE use it.
        exact_title="lower(d.title) LIKE %s",
        exact_params=lambda query: [exact_title_pattern(query)],
        upkeep=(
            "DELETE FROM search_changelog WHERE id < (SELECT max(id) FROM search_changelog) "
            f"- {LOG_KEPT} AND (SELECT count(*) FROM search_changelog) > {2 * LOG_KEPT}"
        ),
    )
)


class PostgresFullTextBackend:
    vendor = "postgresql"

    def counts(
        self, query: ParsedQuery, *, include_private: bool, filters: SearchFilters = NO_FILTERS
    ) -> dict[str, int]:
        match = to_tsquery(query)
        where, params = filter_sql(None, include_private, filters)
        counted = LARGE.counts(
            match, where, params, include_private=include_private, filters=filters
        )
        if counted is not None:
            return counted
        sql = (
            f"SELECT d.kind, COUNT(*) FROM search_searchdocument d "
            f"WHERE d.search_vector @@ {_QUERY}{where} GROUP BY d.kind"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *params])
            return dict(cursor.fetchall())

    def facets(self, query, *, kinds, include_private, filters=NO_FILTERS):
        facets = LARGE.facets(
            to_tsquery(query), kinds=kinds, include_private=include_private, filters=filters
        )
        if facets is not None:
            return facets
        where, params = filter_sql(kinds, include_private, filters)
        sql, all_params = facet_sql(_MATCH, [to_tsquery(query)], where, params)
        with connection.cursor() as cursor:
            cursor.execute(sql, all_params)
            return facets_from_rows(cursor.fetchall())

    def hits(self, query, *, kinds, include_private, limit, offset, filters=NO_FILTERS):
        where, params = filter_sql(kinds, include_private, filters)
        unranked = LARGE.unranked_ids(
            query,
            to_tsquery(query),
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
        return [hit_from_row(row, rank=row[8]) for row in rows]

    def _decorated(self, query, ids: list[int]) -> list[SearchHit]:
        if not ids:
            return []
        sql = (
            f"WITH q AS (SELECT {_QUERY} AS query) "
            "SELECT d.id, d.kind, d.object_id, d.title, d.url, d.state, d.jurisdiction_id, "
            f"d.is_public, 0.0, ts_headline('{CONFIG}', d.title, q.query, %s), "
            f"ts_headline('{CONFIG}', d.body, q.query, %s), d.is_demo "
            "FROM search_searchdocument d CROSS JOIN q WHERE d.id = ANY(%s)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [to_tsquery(query), TITLE_OPTIONS, BODY_OPTIONS, ids])
            by_id = {row[0]: hit_from_row(row, rank=0.0) for row in cursor.fetchall()}
        return [by_id[i] for i in ids if i in by_id]

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
