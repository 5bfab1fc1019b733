"""What every solver returns when there is no cohort, and the checks they share."""

import time

from citypeers.workshops.engine.problem import CohortResult, Problem

INFEASIBLE_MESSAGE = (
    "No cohort meets every rule. Lower the minimum size, loosen the caps, unlock cities or "
    "turn off the teach-and-learn requirement."
)


def infeasible(
    problem: Problem, method: str, started: float, message: str = INFEASIBLE_MESSAGE
) -> CohortResult:
    return CohortResult(
        chosen=(),
        status="infeasible",
        method=method,
        objective=None,
        bound=None,
        seconds=time.perf_counter() - started,
        candidate_count=problem.n,
        message=message,
    )


def precheck(problem: Problem) -> str | None:
    rules = problem.rules
    if rules.min_size > rules.max_size:
        return "The minimum cohort size is larger than the maximum."
    if len(problem.locked) > rules.max_size:
        return "More cities are locked than the maximum cohort size allows."
    if problem.n < rules.min_size:
        cities = "candidate city" if problem.n == 1 else "candidate cities"
        return (
            f"Only {problem.n} {cities} stated this challenge; the minimum cohort size "
            f"is {rules.min_size}."
        )
    return None
