"""Benchmark the cohort optimiser (peers.md §2(c)).

Bars: a cohort of 12 from 150 candidates solved to optimality in ≤ 5 s (exact ILP, PuLP + CBC);
from 1,500 candidates the heuristic in ≤ 2 s and within 5 % of the LP bound.
Baseline in the same run: plain greedy construction (no swaps) on the same instances.

Run: .venv/bin/python bench/workshops_cohort.py [--seed N] [--repeats N] [--quick]
(--quick: one small instance of each kind, to check the benchmark still runs; the bars are not
judged at that size)
"""

import argparse
import random
import statistics
import time

from citypeers.workshops.engine import Candidate, CohortRules, Offer, prepare
from citypeers.workshops.engine.heuristic import _greedy, _State, heuristic_cohort
from citypeers.workshops.engine.ilp import lp_bound, solve_exact
from citypeers.workshops.regions import REGION_OF_STATE

STATES = sorted(REGION_OF_STATE)
AREAS = [f"area-{i}" for i in range(12)]
APPROACHES = [f"approach-{i}" for i in range(12)]
BANDS = ["under-10k", "10k-30k", "30k-100k", "100k-500k", "500k-plus"]
FOCUS = AREAS[0]


def synthetic_pool(n: int, seed: int) -> list[Candidate]:
    """Cities that all stated the focus challenge, with 1-4 other needs and 0-3 solutions."""
    rnd = random.Random(seed)
    pool = []
    for i in range(n):
        needs = {FOCUS} | set(rnd.sample(AREAS[1:], rnd.randint(1, 4)))
        offers = []
        for k in range(rnd.choice([0, 1, 1, 2, 2, 3])):
            area = FOCUS if rnd.random() < 0.5 else rnd.choice(AREAS[1:])
            offers.append(Offer(area, rnd.choice(APPROACHES), f"solution {i}.{k}"))
        state = rnd.choice(STATES)
        pool.append(
            Candidate(
                key=f"city-{i}",
                name=f"City {i}",
                needs=frozenset(needs),
                offers=tuple(offers),
                state=state,
                region=REGION_OF_STATE[state],
                size_band=rnd.choices(BANDS, weights=[30, 30, 20, 15, 5])[0],
                bonus=rnd.randint(0, 3),
            )
        )
    return pool


RULES = CohortRules(
    focus_area=FOCUS,
    min_size=12,
    max_size=12,
    max_per_state=2,
    max_per_region=4,
    max_per_band=4,
    focus_weight=4,
    other_weight=1,
)


def greedy_only(problem):
    started = time.perf_counter()
    state = _State(problem)
    eligible = [i for i in range(problem.n) if problem.teach_mask[i] and problem.learn_mask[i]]
    _greedy(state, eligible, set(problem.locked))
    return state.value, time.perf_counter() - started, state.violations(set())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="small pools, one repeat")
    args = parser.parse_args()
    exact_pool, heuristic_pool, budget = (40, 200, 0.2) if args.quick else (150, 1500, 1.5)
    if args.quick:
        args.repeats = 1
        print("quick mode: small pools, one repeat; the bars below are not judged at this size")

    print("Cohort optimiser benchmark (cohort of 12; caps: 2/state, 4/region, 4/size band;")
    print("every city must teach and learn inside the cohort)\n")

    exact_times, exact_ok = [], []
    for r in range(args.repeats):
        problem = prepare(synthetic_pool(exact_pool, args.seed + r), RULES)
        greedy_value, greedy_seconds, _ = greedy_only(problem)
        result = solve_exact(problem, time_limit=30)
        exact_times.append(result.seconds)
        exact_ok.append(result.status == "optimal")
        print(
            f"{exact_pool} candidates, seed {args.seed + r}: exact {result.status}, objective "
            f"{result.objective}, LP bound {result.bound:.1f}, {result.seconds:.3f} s "
            f"(+ {result.bound_seconds:.3f} s for the bound) | greedy baseline {greedy_value} in "
            f"{greedy_seconds * 1000:.1f} ms → exact/greedy objective "
            f"{result.objective / greedy_value:.3f}, time x {result.seconds / greedy_seconds:.0f}"
        )
    print(
        f"  bar: optimal in ≤ 5 s → worst {max(exact_times):.3f} s, all optimal: {all(exact_ok)}\n"
    )

    heur_times, gaps = [], []
    for r in range(args.repeats):
        problem = prepare(synthetic_pool(heuristic_pool, args.seed + 100 + r), RULES)
        greedy_value, greedy_seconds, _ = greedy_only(problem)
        result = heuristic_cohort(problem, time_budget=budget, with_bound=False)
        bound_started = time.perf_counter()
        bound = lp_bound(problem)
        bound_seconds = time.perf_counter() - bound_started
        gap = (bound - result.objective) / bound
        heur_times.append(result.seconds)
        gaps.append(gap)
        print(
            f"{heuristic_pool:,} candidates, seed {args.seed + 100 + r}: heuristic objective "
            f"{result.objective} in {result.seconds:.3f} s; LP bound {bound:.1f} "
            f"({bound_seconds:.2f} s) → gap {gap * 100:.2f} % | greedy baseline {greedy_value} "
            f"in {greedy_seconds * 1000:.1f} ms → heuristic/greedy "
            f"{result.objective / greedy_value:.3f}"
        )
    print(
        f"  bar: ≤ 2 s and ≤ 5 % gap → worst {max(heur_times):.3f} s, worst gap "
        f"{max(gaps) * 100:.2f} % (median {statistics.median(gaps) * 100:.2f} %)"
    )


if __name__ == "__main__":
    main()
