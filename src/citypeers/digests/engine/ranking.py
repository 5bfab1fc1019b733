"""Relevance of candidate items to a city's agenda, with a reason a person can read.

A candidate is relevant only through the city's agenda:
- solution / insight / guide / qa (an answered question published from the help desk): on one
  of the city's stated challenges (its own items excluded);
- peer_criterion: a peer city met a criterion the city has not met (with the roadmap step);
- replication: a city replicates a solution the city uses, considers or wrote;
- event (workshop, webinar, convening): on a stated challenge, or open to every city;
- help_request: another city asks about an area where the city has its own solution.
Anything else is dropped, so a city with no agenda gets an empty digest.
"""

from dataclasses import dataclass, field
from datetime import datetime

KINDS: tuple[str, ...] = (
    "peer_criterion",
    "solution",
    "insight",
    "guide",
    "qa",
    "replication",
    "help_request",
    "event",
)
# At most this many items of one kind, and `limit` items in all.
KIND_CAPS: dict[str, int] = {
    "peer_criterion": 2,
    "solution": 3,
    "insight": 2,
    "guide": 2,
    "qa": 2,
    "replication": 2,
    "help_request": 2,
    "event": 2,
}
PRIORITY_WEIGHT: dict[str, float] = {"high": 3.0, "medium": 2.0, "low": 1.0}
EVIDENCE_WEIGHT: dict[str, float] = {"anecdotal": 0.0, "measured": 0.5, "evaluated": 1.0}


@dataclass(frozen=True)
class Candidate:
    """Something new on the platform that may interest a city.

    `city_id`/`city_name` name the city the item comes from (a solution's owner, the peer that
    met a criterion, the adopter of a replication, the asking city); `subject_id` is what the
    item is about when that matters for relevance (a replication's solution, a criterion's
    key)."""

    kind: str
    key: str  # unique per kind, e.g. the solution's id
    title: str
    url: str
    date: datetime
    area_ids: frozenset[int] = frozenset()
    city_id: int | None = None
    city_name: str = ""
    subject_id: str = ""
    detail: str = ""  # e.g. the roadmap step, a replication's stage, an event's dates
    open_to_all: bool = False  # an event every city may join
    evidence: str = ""
    is_demo: bool = False


@dataclass(frozen=True)
class Agenda:
    """What one city cares about, read from its own records."""

    city_id: int
    city_name: str
    # Stated challenges: area id → (name, priority "high"/"medium"/"low").
    challenges: dict[int, tuple[str, str]] = field(default_factory=dict)
    # Sub-areas and parents of the stated challenges: area id → the stated challenge's id.
    related_areas: dict[int, int] = field(default_factory=dict)
    # Assessment criteria the city has not met: criterion key → title.
    gaps: dict[str, str] = field(default_factory=dict)
    peer_ids: frozenset[int] = frozenset()
    # Solutions the city uses or considers (replications): solution id → stage label.
    replicating: dict[str, str] = field(default_factory=dict)
    own_solution_ids: frozenset[str] = frozenset()
    # Areas of the city's own solutions: area id → name.
    own_areas: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RankedItem:
    candidate: Candidate
    score: float
    reason: str


def _challenge_match(candidate: Candidate, agenda: Agenda) -> tuple[float, str] | None:
    """The best stated challenge this item is on (exactly, or through a related area)."""
    best: tuple[float, str] | None = None
    for area_id in sorted(candidate.area_ids):
        if area_id in agenda.challenges:
            name, priority = agenda.challenges[area_id]
            score = PRIORITY_WEIGHT.get(priority, 1.0) + 1.0
        elif area_id in agenda.related_areas and agenda.related_areas[area_id] in agenda.challenges:
            name, priority = agenda.challenges[agenda.related_areas[area_id]]
            score = PRIORITY_WEIGHT.get(priority, 1.0)
        else:
            continue
        if best is None or score > best[0]:
            best = (score, name)
    return best


def _freshness(candidate: Candidate, now: datetime) -> float:
    """1 for today, falling to 0 over 60 days (an upcoming event counts as fresh)."""
    days = abs((now - candidate.date).total_seconds()) / 86400
    return max(0.0, 1.0 - days / 60)


def _judge(candidate: Candidate, agenda: Agenda) -> tuple[float, str] | None:
    """(relevance, reason) or None when the item has nothing to do with the city."""
    if candidate.city_id == agenda.city_id and candidate.kind != "replication":
        return None
    kind = candidate.kind
    if kind in ("solution", "insight", "guide", "qa"):
        match = _challenge_match(candidate, agenda)
        if match is None:
            return None
        score, name = match
        from_city = f" (from {candidate.city_name})" if candidate.city_name else ""
        return score + EVIDENCE_WEIGHT.get(candidate.evidence, 0.0), (
            f"On your challenge: {name}{from_city}"
        )
    if kind == "peer_criterion":
        if candidate.subject_id not in agenda.gaps or candidate.city_id not in agenda.peer_ids:
            return None
        step = f" — a roadmap step in {candidate.detail}" if candidate.detail else ""
        return 4.0, (
            f"Peer {candidate.city_name} met criterion “{agenda.gaps[candidate.subject_id]}” "
            f"that you lack{step}"
        )
    if kind == "replication":
        if candidate.city_id == agenda.city_id:
            return None
        if candidate.subject_id in agenda.own_solution_ids:
            return 3.5, f"{candidate.city_name} is replicating your solution ({candidate.detail})"
        if candidate.subject_id in agenda.replicating:
            stage = agenda.replicating[candidate.subject_id]
            return 3.0, (
                f"A solution you are {stage.lower()}: {candidate.city_name} is "
                f"{candidate.detail.lower()}"
            )
        return None
    if kind == "help_request":
        areas = sorted(a for a in candidate.area_ids if a in agenda.own_areas)
        if not areas:
            return None
        return 3.0, (
            f"{candidate.city_name} asks about {agenda.own_areas[areas[0]]}, "
            "where your city has a solution"
        )
    if kind == "event":
        match = _challenge_match(candidate, agenda)
        if match is not None:
            return match[0], f"Upcoming, on your challenge: {match[1]}"
        if candidate.open_to_all:
            return 0.5, "Upcoming, open to every city in the network"
        return None
    return None


def rank(
    candidates: list[Candidate],
    agenda: Agenda,
    *,
    now: datetime,
    limit: int = 10,
    caps: dict[str, int] | None = None,
) -> list[RankedItem]:
    """The items relevant to `agenda`, best first, each kind capped, at most `limit`.

    Deterministic: ties go by date (newest first), then kind and key. A candidate seen twice
    (same kind and key) counts once."""
    caps = KIND_CAPS if caps is None else caps
    best: dict[tuple[str, str], tuple[tuple[float, float, str, str], RankedItem]] = {}
    for candidate in candidates:
        verdict = _judge(candidate, agenda)
        if verdict is None:
            continue
        relevance, reason = verdict
        score = round(relevance + _freshness(candidate, now), 6)
        item = RankedItem(candidate=candidate, score=score, reason=reason)
        # Of two candidates with the same identity keep the better one, whatever their order.
        order = (score, candidate.date.timestamp(), reason, repr(candidate))
        identity = (candidate.kind, candidate.key)
        if identity not in best or order > best[identity][0]:
            best[identity] = (order, item)
    judged = [item for _, item in best.values()]
    judged.sort(
        key=lambda item: (
            -item.score,
            -item.candidate.date.timestamp(),
            item.candidate.kind,
            item.candidate.key,
        )
    )
    taken: dict[str, int] = {}
    ranked: list[RankedItem] = []
    for item in judged:
        kind = item.candidate.kind
        if taken.get(kind, 0) >= caps.get(kind, 0):
            continue
        taken[kind] = taken.get(kind, 0) + 1
        ranked.append(item)
        if len(ranked) >= limit:
            break
    return ranked


class CandidateIndex:
    """A period's candidates indexed by what can make them relevant (area, subject, open to
    all), so each city's ranking looks only at those its agenda can keep. `for_agenda` never
    drops a candidate that `rank` would keep: ranking its answer equals ranking them all."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self._by_area: dict[int, list[Candidate]] = {}
        self._by_subject: dict[tuple[str, str], list[Candidate]] = {}
        self._open_to_all: list[Candidate] = []
        for candidate in candidates:
            if candidate.kind in ("peer_criterion", "replication"):
                key = (candidate.kind, candidate.subject_id)
                self._by_subject.setdefault(key, []).append(candidate)
                continue
            for area_id in candidate.area_ids:
                self._by_area.setdefault(area_id, []).append(candidate)
            if candidate.open_to_all:
                self._open_to_all.append(candidate)

    def for_agenda(self, agenda: Agenda) -> list[Candidate]:
        found: list[Candidate] = list(self._open_to_all)
        areas = set(agenda.challenges) | set(agenda.related_areas) | set(agenda.own_areas)
        for area_id in sorted(areas):
            found.extend(self._by_area.get(area_id, ()))
        for key in sorted(agenda.gaps):
            found.extend(self._by_subject.get(("peer_criterion", key), ()))
        for solution_id in sorted(set(agenda.replicating) | set(agenda.own_solution_ids)):
            found.extend(self._by_subject.get(("replication", solution_id), ()))
        return found
