"""Pick a solver for the cohort problem defined in `problem.py`, plus the exhaustive oracle.

All solvers optimise the same objective under the same constraints (`Problem.objective`,
`Problem.violations`), so their answers are directly comparable.
"""

import itertools
import time
from collections.abc import Iterable

from citypeers.workshops.engine.heuristic import heuristic_cohort
from citypeers.workshops.engine.ilp import lp_bound, solve_exact
from citypeers.workshops.engine.problem import (
    Candidate,
    CohortResult,
    CohortRules,
    Problem,
    prepare,
)
from citypeers.workshops.engine.results import infeasible

__all__ = [
    "EXACT_LIMIT",
    "exhaustive_cohort",
    "heuristic_cohort",
    "lp_bound",
    "propose_cohort",
    "solve_exact",
]

# peers.md §2(c): CBC proves optimality in well under a second up to ~150 candidates.
EXACT_LIMIT = 150


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
        return infeasible(problem, "exhaustive", started)
    return CohortResult(
        chosen=tuple(problem.candidates[i].key for i in sorted(best)),
        status="optimal",
        method="exhaustive",
        objective=best_value,
        bound=best_value,
        seconds=time.perf_counter() - started,
        candidate_count=problem.n,
    )


def propose_cohort(
    candidates: Iterable[Candidate],
    rules: CohortRules,
    *,
    exact_limit: int = EXACT_LIMIT,
    time_limit: float = 20.0,
    heuristic_budget: float = 1.5,
) -> CohortResult:
    """Exact up to `exact_limit` candidates, heuristic beyond; both report the LP bound."""
    problem = prepare(candidates, rules)
    if problem.n <= exact_limit:
        return solve_exact(problem, time_limit=time_limit)
    return heuristic_cohort(problem, time_budget=heuristic_budget)
