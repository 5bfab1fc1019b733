"""Two-way matches: pairs where each city has a solution to a challenge the other stated.

Plain data in. Per city a *needs* map {area: weight} (from its challenge statements, weighted by
priority) and an *offers* map {area: [(solution_id, strength), …]} (its solutions, each weighted
by status and evidence). For cities a and b:

    u(a→b) = Σ_t offer_a(t) · need_b(t)      where offer_a(t) = max strength of a's solutions in t
    mutual(a, b) = min(u(a→b), u(b→a))        the weaker direction counts

Pairs with mutual = 0 are not matches. Ties are broken by u(a→b) + u(b→a), then by id.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import numpy as np

PRIORITY_WEIGHT = {"high": 1.0, "medium": 0.7, "low": 0.4}
STATUS_WEIGHT = {
    "planned": 0.3,
    "piloting": 0.6,
    "implemented": 0.9,
    "scaled": 1.0,
    "discontinued": 0.5,  # a stopped programme still teaches what not to repeat
}


def offer_strength(status: str, evidence_rank: int) -> float:
    """0-1: how much a solution can teach, from its status and its evidence (1-4)."""
    evidence = min(max(evidence_rank, 1), 4)
    return round(STATUS_WEIGHT.get(status, 0.5) * (0.55 + 0.15 * (evidence - 1)), 6)


@dataclass(frozen=True)
class Exchange:
    """One area where `teacher` has something the learner stated it needs."""

    area: str
    solution_ids: tuple[int, ...]  # strongest first
    strength: float  # offer(t) · need(t)


# A city's key: any hashable id (the product uses jurisdiction ids).
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class TwoWayScore(Generic[K]):
    a: K
    b: K
    score: float  # min of both directions
    a_to_b: float  # what b can learn from a
    b_to_a: float
    a_teaches: tuple[Exchange, ...]
    b_teaches: tuple[Exchange, ...]

    @property
    def total(self) -> float:
        return self.a_to_b + self.b_to_a


Needs = Mapping[K, Mapping[str, float]]
Offers = Mapping[K, Mapping[str, Sequence[tuple[int, float]]]]


def _exchanges(
    offers: Mapping[str, Sequence[tuple[int, float]]], needs: Mapping[str, float]
) -> tuple[Exchange, ...]:
    out: list[Exchange] = []
    for area in sorted(set(offers) & set(needs)):
        sols = sorted(offers[area], key=lambda s: (-s[1], s[0]))
        if not sols or needs[area] <= 0 or sols[0][1] <= 0:
            continue
        out.append(Exchange(area, tuple(s[0] for s in sols), sols[0][1] * needs[area]))
    out.sort(key=lambda e: (-e.strength, e.area))
    return tuple(out)


def pair_score(a: K, b: K, needs: Needs[K], offers: Offers[K]) -> TwoWayScore[K]:
    a_teaches = _exchanges(offers.get(a, {}), needs.get(b, {}))
    b_teaches = _exchanges(offers.get(b, {}), needs.get(a, {}))
    a_to_b = sum(e.strength for e in a_teaches)
    b_to_a = sum(e.strength for e in b_teaches)
    return TwoWayScore(a, b, min(a_to_b, b_to_a), a_to_b, b_to_a, a_teaches, b_teaches)


def _order(s: TwoWayScore[Any]) -> tuple[float, float, str, str]:
    return (-s.score, -s.total, str(s.a), str(s.b))


def two_way_for(
    subject: K,
    needs: Needs[K],
    offers: Offers[K],
    *,
    limit: int | None = None,
    candidates: Iterable[K] | None = None,
) -> list[TwoWayScore[K]]:
    """The subject's two-way partners, best first (a = subject, b = partner)."""
    if not needs.get(subject) or not offers.get(subject):
        return []
    pool = set(needs) & set(offers) if candidates is None else set(candidates)
    pool.discard(subject)
    scores = [pair_score(subject, b, needs, offers) for b in pool]
    ranked = sorted((s for s in scores if s.score > 0), key=_order)
    return ranked[:limit] if limit is not None else ranked


def two_way_scores(
    needs: Needs[K],
    offers: Offers[K],
    *,
    cities: Iterable[K] | None = None,
    limit: int | None = None,
    min_score: float = 0.0,
) -> list[TwoWayScore[K]]:
    """Every matching pair (a < b by order of appearance) among `cities`, best first.

    Scores all pairs with sparse products (U = O·Nᵀ, mutual = min(U, Uᵀ)), then explains the
    pairs that match. Usable for a workshop cohort or a convening's 1:1 meetings.
    """
    keys = list(dict.fromkeys(cities if cities is not None else [*needs, *offers]))
    if len(keys) < 2:
        return []
    areas = sorted(
        {t for k in keys for t in needs.get(k, {})} | {t for k in keys for t in offers.get(k, {})}
    )
    col = {t: j for j, t in enumerate(areas)}
    from scipy import sparse  # noqa: PLC0415 - heavy import, only needed when pairs are scored

    offer_m = sparse.lil_matrix((len(keys), len(areas)))
    need_m = sparse.lil_matrix((len(keys), len(areas)))
    for i, k in enumerate(keys):
        for t, sols in offers.get(k, {}).items():
            if sols:
                offer_m[i, col[t]] = max(s[1] for s in sols)
        for t, w in needs.get(k, {}).items():
            need_m[i, col[t]] = w
    U = (offer_m.tocsr() @ need_m.tocsr().T).tocsr()
    mutual = U.minimum(U.T).tocoo()
    pairs = {
        (min(i, j), max(i, j))
        for i, j, v in zip(mutual.row, mutual.col, mutual.data, strict=True)
        if v > min_score and i != j
    }
    scored = [pair_score(keys[i], keys[j], needs, offers) for i, j in sorted(pairs)]
    ranked = sorted((s for s in scored if s.score > min_score), key=_order)
    return ranked[:limit] if limit is not None else ranked


def mutual_matrix(needs: Needs[K], offers: Offers[K], cities: Sequence[K]) -> np.ndarray:
    """Dense (len(cities) x len(cities)) mutual-benefit matrix, for small cohorts."""
    scores = np.zeros((len(cities), len(cities)))
    for i, a in enumerate(cities):
        for j in range(i + 1, len(cities)):
            s = pair_score(a, cities[j], needs, offers).score
            scores[i, j] = scores[j, i] = s
    return scores
