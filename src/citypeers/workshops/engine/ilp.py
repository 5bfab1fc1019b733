"""The exact cohort ILP with PuLP and the CBC binary bundled in its wheel, and its LP bound."""

import os
import shutil
import time
from typing import Any

from citypeers.workshops.engine.problem import CohortResult, Problem
from citypeers.workshops.engine.results import infeasible, precheck

# Dropping the exchange constraints keeps the LP small for big pools; the bound stays valid
# (fewer constraints can only raise a maximum) and is barely looser since they rarely bind.
BOUND_EXCHANGE_NONZERO_LIMIT = 60_000


def _bits(mask: int) -> list[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


# PuLP ships without type hints, so its model and variables are `Any` here.
def _build_model(problem: Problem, *, relaxed: bool, exchange: bool) -> tuple[Any, list[Any]]:
    import pulp  # noqa: PLC0415 - heavy import, only needed when a cohort is optimised

    rules = problem.rules
    # Integer with explicit 0/1 bounds: PuLP resets the bounds of LpBinary, which would undo the
    # fixing of locked (1) and hopeless (0) cities.
    category = pulp.LpContinuous if relaxed else pulp.LpInteger
    model = pulp.LpProblem("cohort", pulp.LpMaximize)
    locked = set(problem.locked)
    x: list[Any] = []
    for i in range(problem.n):
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
    from pulp.apis import coin_api  # noqa: PLC0415 - heavy import, only needed when a cohort is optimised

    bundled: str = coin_api.COIN_CMD.executableExtension(coin_api.pulp_cbc_path)
    if os.path.exists(bundled):
        if not os.access(bundled, os.X_OK):  # some installers drop the executable bit
            os.chmod(bundled, 0o755)
        return bundled
    return shutil.which("cbc") or bundled


def _run(model: Any, time_limit: float | None) -> int:
    import pulp  # noqa: PLC0415 - heavy import, only needed when a cohort is optimised

    # COIN_CMD pointed at the bundled binary is PuLP 4's spelling of PULP_CBC_CMD.
    solver = pulp.COIN_CMD(path=cbc_path(), msg=False, timeLimit=time_limit, threads=1)
    model.solve(solver)
    status: int = model.sol_status
    return status


def lp_bound(problem: Problem, *, exchange: bool | None = None) -> float | None:
    """The LP relaxation's optimum: an upper bound on any cohort's value (None if infeasible)."""
    import pulp  # noqa: PLC0415 - heavy import, only needed when a cohort is optimised

    if exchange is None:
        nonzeros = sum(m.bit_count() for m in problem.teach_mask + problem.learn_mask)
        exchange = nonzeros <= BOUND_EXCHANGE_NONZERO_LIMIT
    model, _ = _build_model(problem, relaxed=True, exchange=exchange)
    status = _run(model, None)
    if status != pulp.LpSolutionOptimal:
        return None
    return float(pulp.value(model.objective) or 0.0)


def solve_exact(
    problem: Problem, *, time_limit: float = 20.0, with_bound: bool = True
) -> CohortResult:
    """Solve the ILP with PuLP's bundled CBC; status "feasible" if stopped by the time limit."""
    import pulp  # noqa: PLC0415 - heavy import, only needed when a cohort is optimised

    started = time.perf_counter()
    problem_message = precheck(problem)
    if problem_message:
        return infeasible(problem, "exact", started, problem_message)
    model, x = _build_model(problem, relaxed=False, exchange=True)
    status = _run(model, time_limit)
    seconds = time.perf_counter() - started
    if status not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
        return infeasible(problem, "exact", started)
    chosen = tuple(problem.candidates[i].key for i, v in enumerate(x) if (v.varValue or 0) > 0.5)
    objective = problem.objective([problem.index[k] for k in chosen])
    bound_started = time.perf_counter()
    bound = lp_bound(problem, exchange=True) if with_bound else None
    return CohortResult(
        chosen=chosen,
        status="optimal" if status == pulp.LpSolutionOptimal else "feasible",
        method="exact",
        objective=objective,
        bound=bound,
        seconds=seconds,
        candidate_count=problem.n,
        bound_seconds=time.perf_counter() - bound_started,
    )
