"""Convening 1:1 networking benchmark: 2,000 delegates (3 per city) x 6 slots.

Each delegate wants to learn about 2-3 of 12 challenge areas and can offer 1-3; 10 % are busy
in one slot (a session or tour). Tables per slot: enough for everyone (1,000). The upper bound
is computed from the full interest matrix in the same run. Reports total interest against the
bound (must be >= 95 %), double bookings checked independently (must be 0), seconds (<= 5).

Run: .venv/bin/python bench/convenings_networking.py [--quick]
"""

import argparse
import random
import sys
import time

from citypeers.convenings.engine.networking import Delegate, double_bookings, schedule_meetings


def instance(n: int, seed: int = 5):
    rng = random.Random(seed)
    areas = [f"area{i}" for i in range(12)]
    delegates = []
    for i in range(n):
        wants = frozenset(rng.sample(areas, rng.randint(2, 3)))
        offers = frozenset(rng.sample([a for a in areas if a not in wants], rng.randint(1, 3)))
        delegates.append(Delegate(key=f"d{i}", city=f"c{i // 3}", wants=wants, offers=offers))
    busy = {d.key: {rng.randrange(6)} for d in delegates if rng.random() < 0.1}
    return delegates, busy


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="200 delegates")
    args = parser.parse_args()
    n, slots = (200, 6) if args.quick else (2000, 6)
    if args.quick:
        print("quick mode: 200 delegates; the figures below are not judged")
    delegates, busy = instance(n)
    started = time.perf_counter()
    result = schedule_meetings(delegates, slots=slots, tables=n // 2, busy=busy)
    seconds = time.perf_counter() - started
    share = result.total_interest / result.upper_bound if result.upper_bound else 1.0
    clashes = double_bookings(result.meetings)
    print(f"delegates {n}, slots {slots}, meetings {len(result.meetings)}")
    print(
        f"total interest {result.total_interest} of upper bound {result.upper_bound} "
        f"({100 * share:.1f} %), double bookings {clashes}, {seconds:.2f} s"
    )
    if result.meetings:
        print(f"example reason: {result.meetings[0].reason}")
    if args.quick:
        return 0 if clashes == 0 else 1  # a double booking is a bug at any size
    ok = share >= 0.95 and clashes == 0 and seconds <= 5.0
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
