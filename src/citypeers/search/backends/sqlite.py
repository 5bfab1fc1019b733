"""SQLite FTS5: an external-content virtual table `search_fts` kept in step by triggers.

The table and triggers are created by migration 0002. `bm25()` weights title matches above body
matches; FTS5 ranks are "lower is better", so they are negated for callers.

A word found in thousands of documents is counted from a column snapshot (see `columns`)
rather than by joining every match to its document. And when every word of a query is in at
least half of the documents, bm25 gives each of them the same zero weight (FTS5 floors an
inverse document frequency that would be negative), so such a query is not ranked at all:
the place titled exactly by it comes first, then the most recently indexed documents.
"""

import threading

import numpy as np
from django.db import connection

from citypeers.search.backends import columns as column_snapshot
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
from citypeers.search.backends.columns import (
    IndexColumns,
    build_columns,
    facet_counts,
    kind_counts,
    rows_of,
    selected,
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
EXACT_LIMIT = 100  # places titled exactly by the words searched (there are a handful)

# One column snapshot per database for the whole process; per thread, what the last queries
# matched (a search asks for counts, then hits, then facets of the same words).
_SNAPSHOTS: dict[str, IndexColumns] = {}
_SNAPSHOTS_LOCK = threading.Lock()
_MATCHES = threading.local()
REMEMBERED_MATCHES = 4  # each holds up to one id per document

LargeMatch = tuple[IndexColumns, np.ndarray]


def _database() -> str:
    return str(connection.settings_dict["NAME"])


def _stamp(cursor) -> int:
    cursor.execute("SELECT value FROM search_generation WHERE id = 1")
    return cursor.fetchone()[0]


def _snapshot(cursor, stamp: int) -> IndexColumns:
    with _SNAPSHOTS_LOCK:
        current = _SNAPSHOTS.get(_database())
    if current is not None and current.generation == stamp:
        return current
    # Each column as one string: a hundred thousand rows arrive in a few strings, not as a
    # hundred thousand tuples. Both aggregates walk the same rows, so the columns line up.
    cursor.execute(
        "SELECT group_concat(id), group_concat(kind, char(31)), group_concat(is_public), "
        "group_concat(state, char(31)), group_concat(coalesce(year, 0)), "
        "group_concat(coalesce(population, -1)) FROM search_searchdocument"
    )
    ids, kinds, public, states, years, populations = cursor.fetchone()
    cursor.execute(
        "SELECT group_concat(document_id), group_concat(area, char(31)) "
        "FROM search_searchdocumentarea"
    )
    link_ids, link_areas = cursor.fetchone()
    columns = build_columns(
        generation=stamp,
        ids=_numbers(ids),
        kinds=_texts(kinds),
        public=_numbers(public),
        states=_texts(states),
        years=_numbers(years),
        populations=_numbers(populations),
        link_ids=_numbers(link_ids),
        link_areas=_texts(link_areas),
    )
    with _SNAPSHOTS_LOCK:
        _SNAPSHOTS[_database()] = columns
    return columns


def _numbers(text: str | None) -> np.ndarray:
    return np.fromstring(text, dtype=np.int64, sep=",") if text else np.zeros(0, np.int64)


def _texts(text: str | None) -> list[str]:
    # group_concat leaves out NULLs; kind, state and area are NOT NULL columns.
    return text.split("\x1f") if text else []


def _remembered() -> dict:
    if not hasattr(_MATCHES, "by_key"):
        _MATCHES.by_key = {}
    return _MATCHES.by_key


def _remember(match: str, large: LargeMatch | None) -> None:
    remembered = _remembered()
    remembered.pop((_database(), match), None)
    remembered[(_database(), match)] = large
    while len(remembered) > REMEMBERED_MATCHES:
        remembered.pop(next(iter(remembered)))


def large_match(match: str) -> LargeMatch | None:
    """The snapshot and the rows of every document (any visibility) matching `match`; None
    when there are too few of them for the snapshot to pay."""
    with connection.cursor() as cursor:
        stamp = _stamp(cursor)
        cursor.execute(
            "SELECT count(*), group_concat(rowid) FROM search_fts WHERE search_fts MATCH %s",
            [match],
        )
        count, ids = cursor.fetchone()
        result = None
        if count > column_snapshot.COLUMN_THRESHOLD:
            columns = _snapshot(cursor, stamp)
            rows = rows_of(columns, _numbers(ids))
            # No write landed between the reads (each one changes the stamp), so the stamp,
            # the matches and the snapshot describe the same index. A read transaction would
            # say so too, but takes SQLite's write lock here (transactions are IMMEDIATE).
            if rows is not None and _stamp(cursor) == stamp:
                result = (columns, rows)
    _remember(match, result)
    return result


def known_large_match(match: str) -> LargeMatch | None:
    """What an earlier count in this thread found for `match`, if it was large and the index
    has not changed since (one read to check). Unknown or small: None, and SQL counts; that is
    always correct, only slower for a large match."""
    known = _remembered().get((_database(), match))
    if known is None:
        return None
    with connection.cursor() as cursor:
        if _stamp(cursor) == known[0].generation:
            return known
    return large_match(match)


def _rank_is_flat(query: ParsedQuery, large: LargeMatch | None) -> bool:
    """True when bm25 would weigh every word of the query at zero: one clause of wanted
    words (no "or", no exclusions), matched by at least half of all documents."""
    if large is None or len(query.clauses) != 1:
        return False
    if any(term.negated for term in query.clauses[0]):
        return False
    columns, rows = large
    return 2 * len(rows) >= len(columns)


class SqliteFts5Backend:
    vendor = "sqlite"

    def counts(
        self, query: ParsedQuery, *, include_private: bool, filters: SearchFilters = NO_FILTERS
    ) -> dict[str, int]:
        match = to_fts5(query)
        where, params = filter_sql(None, include_private, filters)
        # Count at most COLUMN_THRESHOLD + 1 matches in SQL: when that cap is not reached the
        # counts are complete; when it is, the column snapshot counts them all.
        sql = (
            "WITH m AS MATERIALIZED (SELECT rowid AS id FROM search_fts "
            "WHERE search_fts MATCH %s LIMIT %s) "
            "SELECT '', COUNT(*) FROM m UNION ALL "
            "SELECT d.kind, COUNT(*) FROM m JOIN search_searchdocument d ON d.id = m.id "
            f"WHERE 1 = 1{where} GROUP BY d.kind"
        )
        cap = column_snapshot.COLUMN_THRESHOLD + 1
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, cap, *params])
            counted = dict(cursor.fetchall())
        if counted.pop("") < cap:
            _remember(match, None)
            return counted
        large = large_match(match)
        if large is not None:
            columns, matched_rows = large
            chosen = selected(
                columns, matched_rows, kinds=None, include_private=include_private, filters=filters
            )
            return kind_counts(columns, chosen)
        sql = f"SELECT d.kind, COUNT(*) {_FROM}{where} GROUP BY d.kind"
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *params])
            return dict(cursor.fetchall())

    def facets(self, query, *, kinds, include_private, filters=NO_FILTERS):
        large = known_large_match(to_fts5(query))
        if large is not None:
            columns, rows = large
            chosen = selected(
                columns, rows, kinds=kinds, include_private=include_private, filters=filters
            )
            return facet_counts(columns, chosen)
        where, params = filter_sql(kinds, include_private, filters)
        sql, all_params = facet_sql(_FROM, [to_fts5(query)], where, params)
        with connection.cursor() as cursor:
            cursor.execute(sql, all_params)
            return facets_from_rows(cursor.fetchall())

    def hits(self, query, *, kinds, include_private, limit, offset, filters=NO_FILTERS):
        where, params = filter_sql(kinds, include_private, filters)
        if _rank_is_flat(query, known_large_match(to_fts5(query))):
            ids = self._unranked_ids(query, where, params, limit, offset)
            return self._decorated(query, ids)
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
        return [_hit(row, rank=-row[8]) for row in rows]

    def _unranked_ids(self, query, where, params, limit, offset) -> list[int]:
        """The page of a query every document has: exact places, then the newest documents."""
        words = " ".join(query.words)
        exact_sql = (
            "SELECT d.id FROM search_searchdocument d WHERE d.kind = 'profile' "
            f"AND lower(d.title) >= %s AND lower(d.title) < %s{where} "
            "ORDER BY coalesce(d.population, 0) DESC, d.id LIMIT %s"
        )
        with connection.cursor() as cursor:
            # Every title starting "<words>, " sorts between "<words>, " and "<words>,!".
            cursor.execute(exact_sql, [f"{words}, ", f"{words},!", *params, EXACT_LIMIT])
            exact = [row[0] for row in cursor.fetchall()]
            page = exact[offset : offset + limit]
            rest_limit = limit - len(page)
            if rest_limit <= 0:
                return page
            skip = ""
            if exact:
                skip = " AND d.id NOT IN (" + ", ".join(["%s"] * len(exact)) + ")"
            cursor.execute(
                f"SELECT d.id {_FROM}{where}{skip} "
                "ORDER BY search_fts.rowid DESC LIMIT %s OFFSET %s",
                [to_fts5(query), *params, *exact, rest_limit, max(0, offset - len(exact))],
            )
            return page + [row[0] for row in cursor.fetchall()]

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
            by_id = {row[0]: _hit(row, rank=0.0) for row in cursor.fetchall()}
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


def _hit(row, *, rank: float) -> SearchHit:
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
