"""The registry of digest sources: functions that return what is new on the platform.

A source takes a `Window` (what is new between `since` and `until`, what is upcoming after
`now`) and returns `engine.Candidate`s for every city at once; the engine then keeps, for each
city, the ones on its agenda. So the queries a source makes are shared by every digest of a
period (`gather` memoises them per window), and a digest costs its city's agenda only.

A source must return only what any network member may read (published, network-visible).
Register one with `register_source(name, fetch)` in a module of this package and import that
module in `sources/__init__.py` (guides will add `sources/guides.py`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from citypeers.digests.engine import Candidate, CandidateIndex


@dataclass(frozen=True)
class Window:
    since: datetime
    until: datetime
    now: datetime


Fetch = Callable[[Window], list[Candidate]]
_SOURCES: dict[str, Fetch] = {}


def register_source(name: str, fetch: Fetch) -> Fetch:
    _SOURCES[name] = fetch
    return fetch


def unregister_source(name: str) -> None:
    _SOURCES.pop(name, None)


def registered_sources() -> dict[str, Fetch]:
    return dict(sorted(_SOURCES.items()))


class CandidatePool:
    """Memoises each window's candidates, so a fan-out over thousands of recipients runs each
    source once per period. Create one per run (the scheduler's batch, a benchmark); a page
    builds its own and so always reads fresh data."""

    def __init__(self) -> None:
        self._cache: dict[Window, list[Candidate]] = {}
        self._indexes: dict[Window, CandidateIndex] = {}

    def gather(self, window: Window) -> list[Candidate]:
        if window not in self._cache:
            found: list[Candidate] = []
            for fetch in registered_sources().values():
                found.extend(fetch(window))
            self._cache[window] = found
        return self._cache[window]

    def index(self, window: Window) -> CandidateIndex:
        """The window's candidates indexed for `CandidateIndex.for_agenda`."""
        if window not in self._indexes:
            self._indexes[window] = CandidateIndex(self.gather(window))
        return self._indexes[window]
