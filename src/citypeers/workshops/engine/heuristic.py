"""Greedy construction plus swap local search, for pools too large for the exact ILP.

Same objective and constraints as the ILP (`Problem.objective`, `Problem.violations`); the search
minimises (violations, -objective) lexicographically, so it first repairs and then improves.
"""

import random
import time

from citypeers.workshops.engine.ilp import lp_bound
from citypeers.workshops.engine.problem import CohortResult, Problem
from citypeers.workshops.engine.results import infeasible, precheck

KICK_SIZE = 2
MAX_STALE_KICKS = 25


class _State:
    """A cohort under construction with incremental coverage and cap counts."""

    def __init__(self, problem: Problem):
        self.p = problem
        self.cover = [0] * len(problem.items)
        self.group_of: list[list[int]] = [[] for _ in range(problem.n)]
        self.caps = [cap for _, cap in problem.groups]
        for g, (members, _) in enumerate(problem.groups):
            for i in members:
                self.group_of[i].append(g)
        self.group_count = [0] * len(problem.groups)
        self.chosen: set[int] = set()
        self.mask = 0
        self.value = 0

    def add(self, i: int) -> None:
        p = self.p
        for a in p.items_of[i]:
            if self.cover[a] == 0:
                self.value += p.weights[a]
            self.cover[a] += 1
        for g in self.group_of[i]:
            self.group_count[g] += 1
        self.value += p.candidates[i].bonus
        self.chosen.add(i)
        self.mask |= 1 << i

    def remove(self, i: int) -> None:
        p = self.p
        for a in p.items_of[i]:
            self.cover[a] -= 1
            if self.cover[a] == 0:
                self.value -= p.weights[a]
        for g in self.group_of[i]:
            self.group_count[g] -= 1
        self.value -= p.candidates[i].bonus
        self.chosen.discard(i)
        self.mask &= ~(1 << i)

    def gain(self, i: int, without: int | None = None) -> int:
        p = self.p
        drop = set(p.items_of[without]) if without is not None else ()
        total = p.candidates[i].bonus
        for a in p.items_of[i]:
            if self.cover[a] - (a in drop) == 0:
                total += p.weights[a]
        return total

    def loss(self, i: int) -> int:
        p = self.p
        return p.candidates[i].bonus + sum(
            p.weights[a] for a in p.items_of[i] if self.cover[a] == 1
        )

    def fits(self, i: int, without: int | None = None) -> bool:
        freed = self.group_of[without] if without is not None else ()
        return all(self.group_count[g] - (g in freed) < self.caps[g] for g in self.group_of[i])

    def exchange_violations(self, locked: set[int]) -> int:
        if not self.p.rules.require_exchange:
            return 0
        bad = 0
        for i in self.chosen:
            if i in locked:
                continue
            bad += (self.p.teach_mask[i] & self.mask) == 0
            bad += (self.p.learn_mask[i] & self.mask) == 0
        return bad

    def violations(self, locked: set[int]) -> int:
        rules = self.p.rules
        size = len(self.chosen)
        bad = max(0, rules.min_size - size) + max(0, size - rules.max_size)
        bad += sum(max(0, c - cap) for c, cap in zip(self.group_count, self.caps, strict=True))
        return bad + self.exchange_violations(locked)


def _greedy(state: _State, eligible: list[int], locked: set[int]) -> None:
    p, rules = state.p, state.p.rules
    for i in locked:
        state.add(i)
    while len(state.chosen) < rules.max_size:
        best, best_key = None, None
        for i in eligible:
            if i in state.chosen or not state.fits(i):
                continue
            satisfied = 0
            if rules.require_exchange:
                satisfied = ((p.teach_mask[i] & state.mask) != 0) + (
                    (p.learn_mask[i] & state.mask) != 0
                )
            key = (state.gain(i), satisfied)
            if best_key is None or key > best_key:
                best, best_key = i, key
        if best is None or best_key is None:
            break
        if best_key[0] <= 0 and len(state.chosen) >= rules.min_size:
            break
        state.add(best)


def _local_search(state: _State, eligible: list[int], locked: set[int], deadline: float) -> None:
    """Best-improvement swaps, adds and drops on (violations, -objective) until none helps."""
    rules = state.p.rules
    while time.perf_counter() < deadline:
        current = (state.violations(locked), -state.value)
        best_move: tuple[str, int | None, int | None] | None = None
        best_key = current
        movable = [i for i in state.chosen if i not in locked]
        outside = [i for i in eligible if i not in state.chosen]
        feasible_now = current[0] == 0
        for o in movable:
            loss = state.loss(o)
            for c in outside:
                delta = state.gain(c, without=o) - loss
                if feasible_now and delta <= 0:
                    continue
                if not state.fits(c, without=o):
                    continue
                state.remove(o)
                state.add(c)
                key = (state.violations(locked), -state.value)
                state.remove(c)
                state.add(o)
                if key < best_key:
                    best_move, best_key = ("swap", o, c), key
            if time.perf_counter() >= deadline:
                break
        if len(state.chosen) < rules.max_size:
            for c in outside:
                if not state.fits(c):
                    continue
                state.add(c)
                key = (state.violations(locked), -state.value)
                state.remove(c)
                if key < best_key:
                    best_move, best_key = ("add", None, c), key
        if len(state.chosen) > rules.min_size:
            for o in movable:
                state.remove(o)
                key = (state.violations(locked), -state.value)
                state.add(o)
                if key < best_key:
                    best_move, best_key = ("drop", o, None), key
        if best_move is None:
            return
        _, leaving, joining = best_move
        if leaving is not None:
            state.remove(leaving)
        if joining is not None:
            state.add(joining)


def heuristic_cohort(
    problem: Problem, *, time_budget: float = 1.5, with_bound: bool = True
) -> CohortResult:
    """Greedy construction (largest marginal coverage under the caps) then swap local search."""
    started = time.perf_counter()
    problem_message = precheck(problem)
    if problem_message:
        return infeasible(problem, "heuristic", started, problem_message)
    rules = problem.rules
    locked = set(problem.locked)
    eligible = [
        i
        for i in range(problem.n)
        if i not in locked
        and (not rules.require_exchange or (problem.teach_mask[i] and problem.learn_mask[i]))
    ]
    # Strongest standalone cities first, so swaps meet good candidates early.
    eligible.sort(
        key=lambda i: (
            -(sum(problem.weights[a] for a in problem.items_of[i]) + problem.candidates[i].bonus)
        )
    )
    state = _State(problem)
    _greedy(state, eligible, locked)
    deadline = started + time_budget
    _local_search(state, eligible, locked, deadline)
    best = (state.violations(locked), -state.value, sorted(state.chosen))
    # Kicks: swap a few members for random outsiders and search again; keep the best found.
    # A fixed seed keeps proposals reproducible for the organiser.
    rng = random.Random(problem.n * 7919 + rules.max_size)
    stale = 0
    while time.perf_counter() < deadline and stale < MAX_STALE_KICKS and eligible:
        movable = [i for i in state.chosen if i not in locked]
        outside = [i for i in eligible if i not in state.chosen]
        for o in rng.sample(movable, min(KICK_SIZE, len(movable), len(outside))):
            c = rng.choice(outside)
            if state.fits(c, without=o):
                state.remove(o)
                state.add(c)
                outside.remove(c)
        _local_search(state, eligible, locked, deadline)
        found = (state.violations(locked), -state.value, sorted(state.chosen))
        if found[:2] < best[:2]:
            best, stale = found, 0
        else:
            stale += 1
    seconds = time.perf_counter() - started
    if best[0]:
        return infeasible(problem, "heuristic", started)
    chosen = tuple(problem.candidates[i].key for i in best[2])
    value = -best[1]
    bound_started = time.perf_counter()
    bound = lp_bound(problem) if with_bound else None
    return CohortResult(
        chosen=chosen,
        status="feasible",
        method="heuristic",
        objective=value,
        bound=bound,
        seconds=seconds,
        candidate_count=problem.n,
        bound_seconds=time.perf_counter() - bound_started,
    )
