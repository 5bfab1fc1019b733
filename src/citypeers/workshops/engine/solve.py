"""Solvers for the cohort problem defined in `problem.py`: exact ILP, heuristic, exhaustive.

All three optimise the same objective under the same constraints (`Problem.objective`,
`Problem.violations`), so their answers are directly comparable.
"""

import itertools
import os
import random
import shutil
import time

import pulp
from pulp.apis import coin_api

from citypeers.workshops.engine.problem import CohortResult, CohortRules, Problem, prepare

# peers.md §2(c): CBC proves optimality in well under a second up to ~150 candidates.
EXACT_LIMIT = 150
# Dropping the exchange constraints keeps the LP small for big pools; the bound stays valid
# (fewer constraints can only raise a maximum) and is barely looser since they rarely bind.
BOUND_EXCHANGE_NONZERO_LIMIT = 60_000

KICK_SIZE = 2
MAX_STALE_KICKS = 25

INFEASIBLE_MESSAGE = (
    "No cohort meets every rule. Lower the minimum size, loosen the caps, unlock cities or "
    "turn off the teach-and-learn requirement."
)


def _bits(mask: int) -> list[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _build_model(problem: Problem, *, relaxed: bool, exchange: bool):
    rules = problem.rules
    # Integer with explicit 0/1 bounds: PuLP resets the bounds of LpBinary, which would undo the
    # fixing of locked (1) and hopeless (0) cities.
    category = pulp.LpContinuous if relaxed else pulp.LpInteger
    model = pulp.LpProblem("cohort", pulp.LpMaximize)
    locked = set(problem.locked)
    x = []
    for i, candidate in enumerate(problem.candidates):
        low = 1 if i in locked else 0
        high = 1
        if (
            rules.require_exchange
            and i not in locked
            and not (problem.teach_mask[i] and problem.learn_mask[i])
        ):
            high = 0
        x.append(model.add_variable(f"x_{i}", low, high, category))
    y = [model.add_variable(f"y_{a}", 0, 1) for a in range(len(problem.items))]
    terms = [(y[a], w) for a, w in enumerate(problem.weights)]
    terms += [(x[i], c.bonus) for i, c in enumerate(problem.candidates)]
    model.setObjective(pulp.LpAffineExpression(terms))
    size = pulp.LpAffineExpression([(v, 1) for v in x])
    model.addConstraint(size >= rules.min_size, "min_size")
    model.addConstraint(size <= rules.max_size, "max_size")
    for a, cities in enumerate(problem.offerers):
        model.addConstraint(
            y[a] <= pulp.LpAffineExpression([(x[i], 1) for i in cities]), f"cover_{a}"
        )
    for g, (members, cap) in enumerate(problem.groups):
        model.addConstraint(
            pulp.LpAffineExpression([(x[i], 1) for i in members]) <= cap, f"cap_{g}"
        )
    if exchange and rules.require_exchange:
        for i in range(problem.n):
            if i in locked or x[i].upBound == 0:
                continue
            for name, mask in (("teach", problem.teach_mask[i]), ("learn", problem.learn_mask[i])):
                peers = pulp.LpAffineExpression([(x[j], 1) for j in _bits(mask)])
                model.addConstraint(x[i] <= peers, f"{name}_{i}")
    return model, x


def cbc_path() -> str:
    """The CBC binary bundled in the PuLP wheel (works offline), else one on PATH."""
    bundled = coin_api.COIN_CMD.executableExtension(coin_api.pulp_cbc_path)
    if os.path.exists(bundled):
        if not os.access(bundled, os.X_OK):  # some installers drop the executable bit
            os.chmod(bundled, 0o755)
        return bundled
    return shutil.which("cbc") or bundled


def _run(model, time_limit: float | None):
    # COIN_CMD pointed at the bundled binary is PuLP 4's spelling of PULP_CBC_CMD.
    solver = pulp.COIN_CMD(path=cbc_path(), msg=False, timeLimit=time_limit, threads=1)
    model.solve(solver)
    return model.sol_status


def lp_bound(problem: Problem, *, exchange: bool | None = None) -> float | None:
    """The LP relaxation's optimum: an upper bound on any cohort's objective (None if infeasible)."""
    if exchange is None:
        nonzeros = sum(m.bit_count() for m in problem.teach_mask + problem.learn_mask)
        exchange = nonzeros <= BOUND_EXCHANGE_NONZERO_LIMIT
    model, _ = _build_model(problem, relaxed=True, exchange=exchange)
    status = _run(model, None)
    if status != pulp.LpSolutionOptimal:
        return None
    return float(pulp.value(model.objective) or 0.0)


def _infeasible(problem: Problem, method: str, started: float, message: str = INFEASIBLE_MESSAGE):
    return CohortResult(
        chosen=(), status="infeasible", method=method, objective=None, bound=None,
        seconds=time.perf_counter() - started, candidate_count=problem.n, message=message,
    )


def _precheck(problem: Problem) -> str | None:
    rules = problem.rules
    if rules.min_size > rules.max_size:
        return "The minimum cohort size is larger than the maximum."
    if len(problem.locked) > rules.max_size:
        return "More cities are locked than the maximum cohort size allows."
    if problem.n < rules.min_size:
        return (
            f"Only {problem.n} candidate cities stated this challenge; the minimum cohort size "
            f"is {rules.min_size}."
        )
    return None


def solve_exact(problem: Problem, *, time_limit: float = 20.0, with_bound: bool = True):
    """Solve the ILP with PuLP's bundled CBC; status "feasible" if stopped by the time limit."""
    started = time.perf_counter()
    problem_message = _precheck(problem)
    if problem_message:
        return _infeasible(problem, "exact", started, problem_message)
    model, x = _build_model(problem, relaxed=False, exchange=True)
    status = _run(model, time_limit)
    seconds = time.perf_counter() - started
    if status not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
        return _infeasible(problem, "exact", started)
    chosen = tuple(
        problem.candidates[i].key for i, v in enumerate(x) if (v.varValue or 0) > 0.5
    )
    objective = problem.objective([problem.index[k] for k in chosen])
    bound_started = time.perf_counter()
    bound = lp_bound(problem, exchange=True) if with_bound else None
    return CohortResult(
        chosen=chosen,
        status="optimal" if status == pulp.LpSolutionOptimal else "feasible",
        method="exact", objective=objective, bound=bound, seconds=seconds,
        candidate_count=problem.n, bound_seconds=time.perf_counter() - bound_started,
    )


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
        return p.candidates[i].bonus + sum(p.weights[a] for a in p.items_of[i] if self.cover[a] == 1)

    def fits(self, i: int, without: int | None = None) -> bool:
        freed = self.group_of[without] if without is not None else ()
        return all(
            self.group_count[g] - (g in freed) < self.caps[g] for g in self.group_of[i]
        )

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
        if best is None or (best_key[0] <= 0 and len(state.chosen) >= rules.min_size):
            break
        state.add(best)


def _local_search(state: _State, eligible: list[int], locked: set[int], deadline: float) -> None:
    """Best-improvement swaps, adds and drops on (violations, −objective) until none helps."""
    rules = state.p.rules
    while time.perf_counter() < deadline:
        current = (state.violations(locked), -state.value)
        best_move, best_key = None, current
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
        _, o, c = best_move
        if o is not None:
            state.remove(o)
        if c is not None:
            state.add(c)


def heuristic_cohort(
    problem: Problem, *, time_budget: float = 1.5, with_bound: bool = True
) -> CohortResult:
    """Greedy construction (largest marginal coverage under the caps) then swap local search."""
    started = time.perf_counter()
    problem_message = _precheck(problem)
    if problem_message:
        return _infeasible(problem, "heuristic", started, problem_message)
    rules = problem.rules
    locked = set(problem.locked)
    eligible = [
        i for i in range(problem.n)
        if i not in locked
        and (not rules.require_exchange or (problem.teach_mask[i] and problem.learn_mask[i]))
    ]
    # Strongest standalone cities first, so swaps meet good candidates early.
    eligible.sort(key=lambda i: -(sum(problem.weights[a] for a in problem.items_of[i])
                                  + problem.candidates[i].bonus))
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
        return _infeasible(problem, "heuristic", started)
    chosen = tuple(problem.candidates[i].key for i in best[2])
    value = -best[1]
    bound_started = time.perf_counter()
    bound = lp_bound(problem) if with_bound else None
    return CohortResult(
        chosen=chosen, status="feasible", method="heuristic", objective=value,
        bound=bound, seconds=seconds, candidate_count=problem.n,
        bound_seconds=time.perf_counter() - bound_started,
    )


def exhaustive_cohort(problem: Problem) -> CohortResult:
    """Try every subset. Only for tests and tiny pools (n ≤ ~14)."""
    started = time.perf_counter()
    rules = problem.rules
    locked = tuple(problem.locked)
    rest = [i for i in range(problem.n) if i not in set(locked)]
    best, best_value = None, None
    for size in range(max(0, rules.min_size - len(locked)), rules.max_size - len(locked) + 1):
        for combo in itertools.combinations(rest, size):
            chosen = locked + combo
            if not problem.is_feasible(chosen):
                continue
            value = problem.objective(chosen)
            if best_value is None or value > best_value:
                best, best_value = chosen, value
    if best is None:
        return _infeasible(problem, "exhaustive", started)
    return CohortResult(
        chosen=tuple(problem.candidates[i].key for i in sorted(best)), status="optimal",
        method="exhaustive", objective=best_value, bound=best_value,
        seconds=time.perf_counter() - started, candidate_count=problem.n,
    )


def propose_cohort(
    candidates, rules: CohortRules, *, exact_limit: int = EXACT_LIMIT,
    time_limit: float = 20.0, heuristic_budget: float = 1.5,
) -> CohortResult:
    """Exact up to `exact_limit` candidates, heuristic beyond; both report the LP bound."""
    problem = prepare(candidates, rules)
    if problem.n <= exact_limit:
        return solve_exact(problem, time_limit=time_limit)
    return heuristic_cohort(problem, time_budget=heuristic_budget)
