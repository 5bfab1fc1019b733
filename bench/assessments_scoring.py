"""Assessment engine benchmark: scoring and roadmaps against a baseline in the same run.

Baseline: summing 43 booleans in a dict (the least work any scoring could do). Measured:
scoring the default framework (43 criteria, checklists, prerequisites), scoring the ordinal
maturity framework, building a roadmap, and parsing the default YAML. Prints ratios to the
baseline and absolute figures; asserts nothing about time.

Run: .venv/bin/python bench/assessments_scoring.py [--quick]
(--quick: one round of a few calls each, to check the benchmark still runs; figures are noise)
"""

import argparse
import random
import statistics
import time

from citypeers.assessments.engine.loader import load_file
from citypeers.assessments.engine.roadmap import build_roadmap
from citypeers.assessments.engine.scoring import Answer, score
from citypeers.assessments.frameworks import DIRECTORY

ROUNDS = 7


def timed(function, repeat: int, rounds: int = ROUNDS) -> float:
    """Median seconds per call over `rounds` rounds of `repeat` calls."""
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(repeat):
            function()
        samples.append((time.perf_counter() - started) / repeat)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few calls, to check it runs")
    args = parser.parse_args()
    rounds, most = (1, 3) if args.quick else (ROUNDS, None)
    default, _ = load_file(DIRECTORY / "city-data-practices-2025.1.yaml")
    maturity, _ = load_file(DIRECTORY / "data-maturity-ladder-2025.1.yaml")
    rng = random.Random(7)
    answers = {}
    for criterion in default.criteria:
        if criterion.checklist:
            answers[criterion.key] = Answer(
                checklist=frozenset(i.key for i in criterion.checklist if rng.random() < 0.6)
            )
        else:
            answers[criterion.key] = Answer(met=rng.random() < 0.6)
    ordinal = {
        c.key: Answer(level=rng.randint(1, 5)) for c in maturity.criteria if c.type == "ordinal"
    }
    flags = {c.key: rng.random() < 0.6 for c in default.criteria}
    result = score(default, answers)
    peers = {c.key: rng.randint(0, 30) for c in default.criteria}

    if args.quick:
        print("quick mode: a few calls each; the figures below are not measurements")
    baseline = timed(lambda: sum(1 for v in flags.values() if v), most or 20_000, rounds)
    cases = [
        ("score default (43 criteria)", lambda: score(default, answers), 2_000),
        ("score maturity (13, ordinal)", lambda: score(maturity, ordinal), 2_000),
        ("roadmap default", lambda: build_roadmap(default, result, peers), 2_000),
        (
            "parse default YAML",
            lambda: load_file(DIRECTORY / "city-data-practices-2025.1.yaml"),
            20,
        ),
    ]
    print(f"baseline: sum 43 booleans        {baseline * 1e6:9.2f} µs")
    for label, function, repeat in cases:
        seconds = timed(function, min(repeat, most or repeat), rounds)
        print(
            f"{label:32s} {seconds * 1e6:9.1f} µs  x{seconds / baseline:8.0f} baseline  "
            f"({1 / seconds:,.0f}/s)"
        )


if __name__ == "__main__":
    main()
