"""The cohort problem as plain data, and the one definition of feasibility and objective.

Objective (maximised): Σ weight(item) over the distinct (challenge area, approach) items the
cohort covers — focus-area approaches weigh `focus_weight`, others `other_weight` — plus each
chosen city's small `bonus` (how pressing the challenge is, how strong its evidence).
Constraints: `min_size ≤ |cohort| ≤ max_size`; locked cities in, excluded out; at most
`max_per_*` cities per state, Census region and size band (raised to the number of locked cities
in a group, so an organiser's lock never makes the problem infeasible by itself); and, when
`require_exchange`, every city that is not locked teaches and learns from someone in the cohort
("A teaches B" when A has a solution on a challenge area B stated).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Offer:
    """Something a city can teach: a solution on a challenge area with an approach."""

    area: str
    approach: str
    label: str = ""
    ref: str = ""


@dataclass(frozen=True)
class Candidate:
    key: str
    name: str = ""
    needs: frozenset[str] = frozenset()
    offers: tuple[Offer, ...] = ()
    state: str = ""
    region: str = ""
    size_band: str = ""
    bonus: int = 0

    @property
    def offer_areas(self) -> frozenset[str]:
        return frozenset(o.area for o in self.offers)


@dataclass(frozen=True)
class CohortRules:
    focus_area: str
    min_size: int
    max_size: int
    locked: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()
    max_per_state: int | None = None
    max_per_region: int | None = None
    max_per_band: int | None = None
    require_exchange: bool = True
    focus_weight: int = 3
    other_weight: int = 1


@dataclass(frozen=True)
class CohortResult:
    chosen: tuple[str, ...]
    status: str  # "optimal", "feasible" or "infeasible"
    method: str  # "exact", "heuristic" or "exhaustive"
    objective: float | None
    bound: float | None
    seconds: float
    candidate_count: int
    message: str = ""
    bound_seconds: float = 0.0

    @property
    def gap(self) -> float | None:
        """Relative distance to the LP bound (0.0 = provably optimal)."""
        if self.objective is None or not self.bound:
            return None
        return max(0.0, (self.bound - self.objective) / self.bound)


@dataclass
class Problem:
    """Candidates indexed 0..n-1 with everything a solver needs precomputed."""

    candidates: list[Candidate]
    rules: CohortRules
    items: list[tuple[str, str]]
    weights: list[int]
    items_of: list[tuple[int, ...]]  # city → item indices it covers
    offerers: list[list[int]]  # item → cities covering it
    teach_mask: list[int]  # bit j set: city i teaches city j
    learn_mask: list[int]  # bit j set: city j teaches city i
    groups: list[tuple[list[int], int]] = field(default_factory=list)  # (cities, cap)
    locked: list[int] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.candidates)

    def objective(self, chosen: Iterable[int]) -> int:
        covered: set[int] = set()
        for i in chosen:
            covered.update(self.items_of[i])
        return sum(self.weights[a] for a in covered) + sum(self.candidates[i].bonus for i in chosen)

    def violations(self, chosen: Iterable[int]) -> int:
        """How far a set is from feasible (0 = feasible)."""
        chosen = set(chosen)
        rules = self.rules
        count = len(chosen)
        bad = max(0, rules.min_size - count) + max(0, count - rules.max_size)
        bad += sum(1 for i in self.locked if i not in chosen)
        for members, cap in self.groups:
            bad += max(0, sum(1 for i in members if i in chosen) - cap)
        if rules.require_exchange:
            mask = 0
            for i in chosen:
                mask |= 1 << i
            locked = set(self.locked)
            for i in chosen:
                if i in locked:
                    continue
                bad += (self.teach_mask[i] & mask) == 0
                bad += (self.learn_mask[i] & mask) == 0
        return bad

    def is_feasible(self, chosen: Iterable[int]) -> bool:
        return self.violations(chosen) == 0


def _group_caps(
    candidates: list[Candidate], locked: set[int], attribute: str, cap: int | None
) -> list[tuple[list[int], int]]:
    if cap is None:
        return []
    members: dict[str, list[int]] = {}
    for i, c in enumerate(candidates):
        value = getattr(c, attribute)
        if value:
            members.setdefault(value, []).append(i)
    groups: list[tuple[list[int], int]] = []
    for indices in members.values():
        locked_here = sum(1 for i in indices if i in locked)
        effective = max(cap, locked_here)
        if len(indices) > effective:
            groups.append((indices, effective))
    return groups


def prepare(candidates: Iterable[Candidate], rules: CohortRules) -> Problem:
    """Index the pool: drop excluded and duplicate cities, build items, masks and caps."""
    seen: set[str] = set()
    pool: list[Candidate] = []
    for c in candidates:
        if c.key in rules.excluded or c.key in seen:
            continue
        seen.add(c.key)
        pool.append(c)
    index = {c.key: i for i, c in enumerate(pool)}

    item_index: dict[tuple[str, str], int] = {}
    items_of: list[tuple[int, ...]] = []
    for c in pool:
        own = []
        for offer in c.offers:
            key = (offer.area, offer.approach)
            if key not in item_index:
                item_index[key] = len(item_index)
            own.append(item_index[key])
        items_of.append(tuple(sorted(set(own))))
    items = list(item_index)
    weights = [
        rules.focus_weight if area == rules.focus_area else rules.other_weight for area, _ in items
    ]
    offerers: list[list[int]] = [[] for _ in items]
    for i, covered in enumerate(items_of):
        for a in covered:
            offerers[a].append(i)

    need_bits: dict[str, int] = {}
    offer_bits: dict[str, int] = {}
    for i, c in enumerate(pool):
        bit = 1 << i
        for area in c.needs:
            need_bits[area] = need_bits.get(area, 0) | bit
        for area in c.offer_areas:
            offer_bits[area] = offer_bits.get(area, 0) | bit
    teach_mask: list[int] = []
    learn_mask: list[int] = []
    for i, c in enumerate(pool):
        not_me = ~(1 << i)
        teach = 0
        for area in c.offer_areas:
            teach |= need_bits.get(area, 0)
        learn = 0
        for area in c.needs:
            learn |= offer_bits.get(area, 0)
        teach_mask.append(teach & not_me)
        learn_mask.append(learn & not_me)

    locked = sorted(index[k] for k in rules.locked if k in index)
    locked_set = set(locked)
    groups = (
        _group_caps(pool, locked_set, "state", rules.max_per_state)
        + _group_caps(pool, locked_set, "region", rules.max_per_region)
        + _group_caps(pool, locked_set, "size_band", rules.max_per_band)
    )
    return Problem(
        candidates=pool,
        rules=rules,
        items=items,
        weights=weights,
        items_of=items_of,
        offerers=offerers,
        teach_mask=teach_mask,
        learn_mask=learn_mask,
        groups=groups,
        locked=locked,
        index=index,
    )
