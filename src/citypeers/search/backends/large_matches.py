"""Large matches on either engine: counted from a column snapshot, listed unranked when flat.

Each engine describes in `EngineSql` how to read its index's stamp, the ids a query matches,
and the snapshot's columns; `LargeMatches` does the rest the same way on both:

- `counts()` asks SQL for the kind counts with the matches capped at COLUMN_THRESHOLD + 1,
  which is exact whenever the cap is not reached. When it is, every matching id is fetched as
  one string and counted with numpy against the process's snapshot (`columns.py`).
- The snapshot is current while the stamp has not moved. The stamp is read before and after
  the matches; if a write landed in between, SQL counts instead.
- Per thread, the last few queries are remembered with what they matched, so the hits and
  facets of a search reuse what its counts fetched (after one read of the stamp).
"""

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import numpy as np
from django.db import connection, transaction

from citypeers.search.backends import columns as column_snapshot
from citypeers.search.backends.base import SearchFilters
from citypeers.search.backends.columns import (
    IndexColumns,
    build_columns,
    facet_counts,
    kind_counts,
    rows_of,
    selected,
)
from citypeers.search.query import ParsedQuery

REMEMBERED_MATCHES = 4  # per thread; each holds up to one id per document
EXACT_LIMIT = 100  # places titled exactly by the words searched (there are a handful)

LargeMatch = tuple[IndexColumns, np.ndarray]
# What filter_sql reads of a document `d`: the capped matches carry them, so counting them
# needs no second look-up of each document.
MATCHED_COLUMNS = "d.id, d.kind, d.is_public, d.state, d.year, d.population"


@dataclass(frozen=True)
class EngineSql:
    stamp: str  # one row that changes whenever a document or an area row is written
    # SELECT MATCHED_COLUMNS FROM ... d ... for one parameter, the engine's query
    matches: str
    concat_ids: str  # SELECT count(*), <ids joined by ","> ... for the same parameter
    documents: str  # ids, kinds, is_public, states, years, populations: each one string
    areas: str  # document ids, areas: each one string
    # "the title is the words searched, a comma and a state", with its parameters
    exact_title: str
    exact_params: Callable[[ParsedQuery], list[str]]
    upkeep: str = ""  # run when the snapshot is rebuilt (PostgreSQL trims its change log)
    # Run before concat_ids, in the same transaction (PostgreSQL: keep to the full-text index).
    concat_setup: str = ""


def numbers(text: str | None) -> np.ndarray:
    return np.fromstring(text, dtype=np.int64, sep=",") if text else np.zeros(0, np.int64)


def texts(text: str | None) -> list[str]:
    # The aggregates leave out NULLs; kind, state and area are NOT NULL columns.
    return text.split("\x1f") if text else []


def rank_is_flat(query: ParsedQuery, large: LargeMatch | None) -> bool:
    """True for one clause of wanted words (no "or", no exclusions) that at least half of all
    documents match: bm25 weighs such words at zero, and both engines list them unranked."""
    if large is None or len(query.clauses) != 1:
        return False
    if any(term.negated for term in query.clauses[0]):
        return False
    columns, rows = large
    return 2 * len(rows) >= len(columns)


class LargeMatches:
    def __init__(self, sql: EngineSql):
        self.sql = sql
        self._snapshots: dict[str, IndexColumns] = {}
        self._lock = threading.Lock()
        self._local = threading.local()

    # The stamp and the snapshot.

    def _stamp(self, cursor) -> Hashable:
        cursor.execute(self.sql.stamp)
        return tuple(cursor.fetchone())

    def _snapshot(self, cursor, stamp: Hashable) -> IndexColumns:
        database = str(connection.settings_dict["NAME"])
        with self._lock:
            current = self._snapshots.get(database)
        if current is not None and current.generation == stamp:
            return current
        if self.sql.upkeep:
            cursor.execute(self.sql.upkeep)
        # Each column as one string: a hundred thousand rows arrive in a few strings, not as
        # a hundred thousand tuples. One aggregate pass makes every column line up.
        cursor.execute(self.sql.documents)
        ids, kinds, public, states, years, populations = cursor.fetchone()
        cursor.execute(self.sql.areas)
        link_ids, link_areas = cursor.fetchone()
        columns = build_columns(
            generation=stamp,
            ids=numbers(ids),
            kinds=texts(kinds),
            public=numbers(public),
            states=texts(states),
            years=numbers(years),
            populations=numbers(populations),
            link_ids=numbers(link_ids),
            link_areas=texts(link_areas),
        )
        with self._lock:
            self._snapshots[database] = columns
        return columns

    # What queries matched, per thread.

    def _remembered(self) -> dict:
        if not hasattr(self._local, "by_key"):
            self._local.by_key = {}
        return self._local.by_key

    def remember(self, match: str, large: LargeMatch | None) -> None:
        remembered = self._remembered()
        key = (str(connection.settings_dict["NAME"]), match)
        remembered.pop(key, None)
        remembered[key] = large
        while len(remembered) > REMEMBERED_MATCHES:
            remembered.pop(next(iter(remembered)))

    def find(self, match: str) -> LargeMatch | None:
        """The snapshot and the rows of every document (any visibility) matching `match`;
        None when there are too few of them for the snapshot to pay, or a write landed."""
        with connection.cursor() as cursor:
            stamp = self._stamp(cursor)
            count, ids = self._matched_ids(cursor, match)
            result = None
            if count > column_snapshot.COLUMN_THRESHOLD:
                columns = self._snapshot(cursor, stamp)
                rows = rows_of(columns, np.sort(numbers(ids)))
                # No write landed between the reads (each one moves the stamp), so the stamp,
                # the matches and the snapshot describe the same index. (A read transaction
                # would say so too, but SQLite's transactions here take the write lock.)
                if rows is not None and self._stamp(cursor) == stamp:
                    result = (columns, rows)
        self.remember(match, result)
        return result

    def _matched_ids(self, cursor, match: str) -> tuple[int, str | None]:
        if not self.sql.concat_setup:
            cursor.execute(self.sql.concat_ids, [match])
            return cursor.fetchone()
        with transaction.atomic():
            cursor.execute(self.sql.concat_setup)
            cursor.execute(self.sql.concat_ids, [match])
            return cursor.fetchone()

    def known(self, match: str) -> LargeMatch | None:
        """What an earlier count in this thread found for `match`, if it was large and the
        index has not changed since (one read to check). Unknown or small: None, and SQL
        answers; that is always right, only slower for a large match."""
        key = (str(connection.settings_dict["NAME"]), match)
        known = self._remembered().get(key)
        if known is None:
            return None
        with connection.cursor() as cursor:
            if self._stamp(cursor) == known[0].generation:
                return known
        return self.find(match)

    def exact_places(self, query: ParsedQuery, where: str, params: list) -> list[int]:
        """Profiles titled exactly by the words searched, the most populous first."""
        sql = (
            "SELECT d.id FROM search_searchdocument d WHERE d.kind = 'profile' "
            f"AND {self.sql.exact_title}{where} "
            "ORDER BY coalesce(d.population, 0) DESC, d.id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*self.sql.exact_params(query), *params, EXACT_LIMIT])
            return [row[0] for row in cursor.fetchall()]

    # Counting.

    def counts(
        self, match: str, where: str, params: list, *, include_private: bool, filters
    ) -> dict[str, int] | None:
        """Matches per kind: from SQL while they stay under the cap, from the snapshot above
        it; None when a write landed meanwhile and SQL should count them all."""
        cap = column_snapshot.COLUMN_THRESHOLD + 1
        sql = (
            f"WITH m AS MATERIALIZED ({self.sql.matches} LIMIT %s) "
            "SELECT '', COUNT(*) FROM m UNION ALL "
            f"SELECT d.kind, COUNT(*) FROM m AS d WHERE 1 = 1{where} GROUP BY d.kind"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, cap, *params])
            counted = dict(cursor.fetchall())
        if counted.pop("") < cap:
            self.remember(match, None)
            return counted
        large = self.find(match)
        if large is None:
            return None
        columns, rows = large
        chosen = selected(
            columns, rows, kinds=None, include_private=include_private, filters=filters
        )
        return kind_counts(columns, chosen)

    def facets(
        self, match: str, *, kinds, include_private: bool, filters: SearchFilters
    ) -> dict[str, dict[str, int]] | None:
        """Facet counts of a large match this thread has counted; None: SQL counts them."""
        large = self.known(match)
        if large is None:
            return None
        columns, rows = large
        chosen = selected(
            columns, rows, kinds=kinds, include_private=include_private, filters=filters
        )
        return facet_counts(columns, chosen)

    def unranked_ids(
        self, query: ParsedQuery, match: str, where: str, params: list, **page
    ) -> list[int] | None:
        """The page of ids of a query that bm25 would weigh at zero (see rank_is_flat);
        None when the query is to be ranked. `page`: kinds, include_private, filters, limit,
        offset."""
        large = self.known(match)
        if large is None or not rank_is_flat(query, large):
            return None
        return unranked_page(large, self.exact_places(query, where, params), **page)


def unranked_page(
    large: LargeMatch,
    exact: list[int],
    *,
    kinds: list[str] | None,
    include_private: bool,
    filters: SearchFilters,
    limit: int,
    offset: int,
) -> list[int]:
    """A page of an unranked match: the exact places, then the most recently indexed."""
    page = exact[offset : offset + limit]
    if len(page) >= limit:
        return page
    columns, rows = large
    chosen = selected(columns, rows, kinds=kinds, include_private=include_private, filters=filters)
    newest = columns.ids[chosen][::-1]
    newest = newest[~np.isin(newest, exact)]
    start = max(0, offset - len(exact))
    return page + newest[start : start + limit - len(page)].tolist()
