"""1:1 networking between delegates from complementary cities.

Each delegate says which challenge areas they want to learn about and which they can offer
(prefilled from their city's challenge statements and solutions). A meeting's interest is what
each side can teach the other; pairs where both sides learn ("mutual") go first. The scheduler
gives every person at most one meeting a slot, never the same pair twice, never more meetings
in a slot than tables, and says why each pair meets.

Greedy over candidate pairs (each person's strongest K partners, from one matrix product),
placing each meeting in a slot both people have free; `upper_bound` is computed from the full
interest matrix in the same run so the schedule's quality is measured, not assumed.
"""

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

MUTUAL_BONUS = 1  # added to a pair's weight when both sides learn something
CANDIDATES_PER_PERSON = 40


@dataclass(frozen=True)
class Delegate:
    key: str
    city: str
    wants: frozenset[str]
    offers: frozenset[str]


@dataclass(frozen=True)
class Meeting:
    a: str
    b: str
    slot: int
    table: int
    interest: int
    a_learns: tuple[str, ...]
    b_learns: tuple[str, ...]

    @property
    def reason(self) -> str:
        parts = []
        if self.a_learns:
            parts.append(f"{self.a} learns about {', '.join(self.a_learns)}")
        if self.b_learns:
            parts.append(f"{self.b} learns about {', '.join(self.b_learns)}")
        return "; ".join(parts)


@dataclass
class Schedule:
    meetings: list[Meeting] = field(default_factory=list)
    total_interest: int = 0
    upper_bound: int = 0


def _matrices(delegates: Sequence[Delegate]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    areas = sorted({a for d in delegates for a in d.wants | d.offers})
    index = {a: i for i, a in enumerate(areas)}
    # float32 so the products below go through BLAS; the values are small whole numbers.
    wants = np.zeros((len(delegates), len(areas)), dtype=np.float32)
    offers = np.zeros_like(wants)
    for row, d in enumerate(delegates):
        for a in d.wants:
            wants[row, index[a]] = 1
        for a in d.offers:
            offers[row, index[a]] = 1
    return wants, offers, areas


def interest_matrix(delegates: Sequence[Delegate]) -> tuple[np.ndarray, np.ndarray]:
    """(weights, learns): learns[i, j] = how many of i's wants j offers; weights add both
    directions and the mutual bonus; zero on the diagonal and within one city."""
    wants, offers, _ = _matrices(delegates)
    learns = np.rint(wants @ offers.T).astype(np.int64)
    weights = learns + learns.T + MUTUAL_BONUS * ((learns > 0) & (learns.T > 0))
    codes: dict[str, int] = {}
    cities = np.array([codes.setdefault(d.city, len(codes)) for d in delegates])
    weights[cities[:, None] == cities[None, :]] = 0
    return weights.astype(np.int64), learns


def dual_bound(
    weights: np.ndarray, slots: int, iterations: int = 60, target: float | None = None
) -> int:
    """A Lagrangian (LP dual) bound on any schedule where each person meets at most `slots`
    others: for any prices u >= 0, sum(slots * u) + sum over pairs of max(0, w - u_i - u_j)
    is an upper bound, whatever u is; subgradient steps lower it and the best one is kept.

    With `target` (the value of a schedule already found) the steps are Polyak's, sized by how
    far the bound still is from it, which closes the gap in far fewer iterations than a fixed
    diminishing step; the bound stays valid either way."""
    n = weights.shape[0]
    a, b = np.nonzero(np.triu(weights, 1) > 0)
    w = weights[a, b].astype(np.float32)
    if w.size == 0:
        return 0
    k = min(slots, n - 1)
    u = (-np.partition(-weights, k - 1, axis=1)[:, k - 1] / 2.0).astype(np.float32)
    best = np.inf
    step = float(w.max()) / 4.0
    scale_polyak, stalled = 1.0, 0
    for t in range(iterations):
        slack = w - u[a] - u[b]
        positive = slack > 0
        value = slots * float(u.sum(dtype=np.float64)) + float(
            slack[positive].sum(dtype=np.float64)
        )
        if value < best:
            best, stalled = value, 0
        else:
            stalled += 1
            if stalled >= 3:  # no progress: take shorter steps
                scale_polyak, stalled = scale_polyak / 2, 0
        degree = np.bincount(a[positive], minlength=n) + np.bincount(b[positive], minlength=n)
        gradient = (slots - degree).astype(np.float32)
        if target is None:
            scale = max(1.0, float(np.abs(gradient).max()))
            u = np.maximum(0.0, u - (step / (1 + t / 10)) * gradient / scale).astype(np.float32)
            continue
        gradient[(u <= 0) & (gradient > 0)] = 0  # a price at zero cannot go lower
        norm = float((gradient * gradient).sum())
        if norm == 0:
            break
        move = scale_polyak * max(value - target, 0.0) / norm
        u = np.maximum(0.0, u - move * gradient).astype(np.float32)
    # float32 sums can round down slightly; keep the bound safely above.
    return int(np.ceil(best * 1.0001))


def upper_bound(weights: np.ndarray, slots: int, tables: int, target: float | None = None) -> int:
    """No schedule beats this: the LP dual bound on meetings per person, half of each
    person's `slots` best pairs summed, and the best `slots * tables` pairs overall.
    `target`, a schedule's value, only speeds the dual bound up (see `dual_bound`)."""
    n = weights.shape[0]
    if n < 2 or slots == 0:
        return 0
    k = min(slots, n - 1)
    per_person = -np.partition(-weights, k - 1, axis=1)[:, :k]
    by_person = int(per_person.sum()) // 2
    upper = np.triu(weights, 1).ravel()
    m = min(slots * tables, upper.size)
    by_tables = int(-np.partition(-upper, m - 1)[:m].sum()) if m else 0
    return min(by_person, by_tables, dual_bound(weights, slots, target=target))


def schedule_meetings(
    delegates: Sequence[Delegate],
    *,
    slots: int,
    tables: int,
    busy: dict[str, set[int]] | None = None,
    improve_seconds: float = 1.0,
    seed: int = 0,
) -> Schedule:
    """Meetings for `slots` slots with `tables` tables each; `busy` removes a person's slots.
    After the greedy, partners are traded within slots for up to `improve_seconds`."""
    n = len(delegates)
    if n < 2 or slots == 0 or tables == 0:
        return Schedule()
    weights, learns = interest_matrix(delegates)
    k = min(CANDIDATES_PER_PERSON, n - 1)
    top = np.argpartition(-weights, k - 1, axis=1)[:, :k]
    rows = np.repeat(np.arange(n), k)
    cols = top.ravel()
    a = np.minimum(rows, cols)
    b = np.maximum(rows, cols)
    w = weights[a, b]
    keep = (a != b) & (w > 0)
    a, b, w = a[keep], b[keep], w[keep]
    pairs = np.unique(np.stack([a, b], axis=1), axis=0)
    w = weights[pairs[:, 0], pairs[:, 1]]
    mutual = (learns[pairs[:, 0], pairs[:, 1]] > 0) & (learns[pairs[:, 1], pairs[:, 0]] > 0)
    order = np.lexsort((pairs[:, 1], pairs[:, 0], -w, ~mutual))

    full = (1 << slots) - 1
    free = [full] * n
    for i, d in enumerate(delegates):
        for s in (busy or {}).get(d.key, ()):
            if 0 <= s < slots:
                free[i] &= ~(1 << s)
    tables_left = [tables] * slots
    placed: list[list[int]] = []  # [i, j, slot]
    at: dict[tuple[int, int], int] = {}  # (person, slot) -> index into placed

    def put(i: int, j: int, slot: int, index: int | None = None) -> None:
        free[i] &= ~(1 << slot)
        free[j] &= ~(1 << slot)
        tables_left[slot] -= 1
        if index is None:
            index = len(placed)
            placed.append([i, j, slot])
        else:
            placed[index][2] = slot
        at[(i, slot)] = at[(j, slot)] = index

    def lift(index: int) -> None:
        i, j, slot = placed[index]
        free[i] |= 1 << slot
        free[j] |= 1 << slot
        tables_left[slot] += 1
        del at[(i, slot)], at[(j, slot)]

    def open_slots() -> int:
        return sum(1 << s for s in range(slots) if tables_left[s] > 0)

    def try_pair(i: int, j: int) -> None:
        if not free[i] or not free[j] or (i, j) in met:
            return
        common = free[i] & free[j] & open_slots()
        if common:
            slot = max(
                (s for s in range(slots) if common >> s & 1), key=lambda s: (tables_left[s], -s)
            )
            put(i, j, slot)
            met.add((i, j))
            return
        # One move: a slot where one is free and the other meets someone; move that meeting
        # to a slot both of its people have free, then these two meet in the freed slot.
        for first, second in ((i, j), (j, i)):
            for slot in range(slots):
                if not (free[first] >> slot & 1) or (second, slot) not in at:
                    continue
                other = at[(second, slot)]
                oi, oj, _ = placed[other]
                lift(other)
                spare = free[oi] & free[oj] & ~(1 << slot) & open_slots()
                if spare:
                    target = next(s for s in range(slots) if spare >> s & 1)
                    put(oi, oj, target, other)
                    if tables_left[slot] > 0:
                        put(i, j, slot)
                        met.add((i, j))
                        return
                    lift(other)
                put(oi, oj, slot, other)

    met: set[tuple[int, int]] = set()
    for idx in order:
        try_pair(int(pairs[idx, 0]), int(pairs[idx, 1]))
    # Completion: people with free slots left meet the best partners among each other.
    left = np.array([p for p in range(n) if free[p]], dtype=np.int64)
    if left.size > 1:
        sub = np.triu(weights[np.ix_(left, left)], 1)
        la, lb = np.nonzero(sub > 0)
        for idx in np.argsort(-sub[la, lb], kind="stable"):
            try_pair(int(left[la[idx]]), int(left[lb[idx]]))

    _swap_partners(placed, met, weights, slots, rng_seed=seed, seconds=improve_seconds)

    meetings = []
    total = 0
    for i, j, slot in placed:
        di, dj = delegates[i], delegates[j]
        meetings.append(
            Meeting(
                a=di.key,
                b=dj.key,
                slot=slot,
                table=0,
                interest=int(weights[i, j]),
                a_learns=tuple(sorted(di.wants & dj.offers)),
                b_learns=tuple(sorted(dj.wants & di.offers)),
            )
        )
        total += int(weights[i, j])
    # Tables are numbered within each slot in a stable order.
    numbered = []
    counters = [0] * slots
    for m in sorted(meetings, key=lambda m: (m.slot, m.a, m.b)):
        counters[m.slot] += 1
        numbered.append(
            Meeting(m.a, m.b, m.slot, counters[m.slot], m.interest, m.a_learns, m.b_learns)
        )
    meetings = numbered
    # Measured after the schedule, so that its value can steer the dual bound's steps.
    bound = upper_bound(weights, slots, tables, target=total)
    return Schedule(meetings=meetings, total_interest=total, upper_bound=bound)


def _swap_partners(
    placed: list[list[int]],
    met: set[tuple[int, int]],
    weights: np.ndarray,
    slots: int,
    *,
    rng_seed: int,
    seconds: float,
) -> None:
    """Two meetings in one slot trade partners when that raises total interest: (a, b) and
    (c, d) become (a, c) and (b, d), or (a, d) and (b, c). Everyone keeps the same slots."""
    by_slot: list[list[int]] = [[] for _ in range(slots)]
    for index, (_, _, slot) in enumerate(placed):
        by_slot[slot].append(index)
    rng = random.Random(rng_seed)
    deadline = time.perf_counter() + seconds
    usable = [s for s in range(slots) if len(by_slot[s]) > 1]
    w = weights
    while usable and time.perf_counter() < deadline:
        for _ in range(2000):
            members = by_slot[rng.choice(usable)]
            x, y = rng.sample(members, 2)
            a, b, slot = placed[x]
            c, d, _ = placed[y]
            before = w[a, b] + w[c, d]
            for p, q, r, t in ((a, c, b, d), (a, d, b, c)):
                first, second = (min(p, q), max(p, q)), (min(r, t), max(r, t))
                if first in met or second in met:
                    continue
                if w[p, q] + w[r, t] > before and w[p, q] > 0 and w[r, t] > 0:
                    met.discard((min(a, b), max(a, b)))
                    met.discard((min(c, d), max(c, d)))
                    met.add(first)
                    met.add(second)
                    placed[x] = [first[0], first[1], slot]
                    placed[y] = [second[0], second[1], slot]
                    break


def double_bookings(meetings: Sequence[Meeting]) -> int:
    """Independent check: (person, slot) pairs with two meetings, plus repeated pairs."""
    seen: set[tuple[str, int]] = set()
    pairs: set[tuple[str, str]] = set()
    bad = 0
    for m in meetings:
        for person in (m.a, m.b):
            if (person, m.slot) in seen:
                bad += 1
            seen.add((person, m.slot))
        pair = (min(m.a, m.b), max(m.a, m.b))
        if pair in pairs:
            bad += 1
        pairs.add(pair)
    return bad
