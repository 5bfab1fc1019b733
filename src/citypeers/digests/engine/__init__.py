"""The digest's ranking engine: pure functions over plain dataclasses (no Django, no other
CityPeers module). `rank` keeps the candidate items relevant to one city's agenda, each with the
reason it is there, best first and capped per kind."""

from citypeers.digests.engine.periods import Period, period_for
from citypeers.digests.engine.ranking import (
    KIND_CAPS,
    KINDS,
    Agenda,
    Candidate,
    CandidateIndex,
    RankedItem,
    rank,
)

__all__ = [
    "KINDS",
    "KIND_CAPS",
    "Agenda",
    "Candidate",
    "CandidateIndex",
    "Period",
    "RankedItem",
    "period_for",
    "rank",
]
