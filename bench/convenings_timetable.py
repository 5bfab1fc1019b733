"""Convening timetable benchmark: 80 sessions, 8 rooms, 12 slots.

Sessions have 1-3 speakers drawn from 100 delegates (some speak twice or three times), one of
10 challenge areas and an expected interest (votes) of 5-120; rooms seat 20-150. Baseline in
the same run: the greedy placement alone (no repair or improvement). Reports speaker clashes
(checked independently of the engine; must be 0), seats short, same-area pairs in parallel,
the penalty against the greedy baseline, and seconds (must be <= 5).

Run: .venv/bin/python bench/convenings_timetable.py [--quick]
"""

import argparse
import random
import sys

from citypeers.convenings.engine.timetable import (
    RoomSpec,
    SessionSpec,
    schedule,
    speaker_clashes,
)


def instance(n_sessions: int, n_rooms: int, seed: int = 13):
    rng = random.Random(seed)
    speakers = [f"p{i}" for i in range(100)]
    areas = [f"area{i}" for i in range(10)]
    sessions = [
        SessionSpec(
            key=f"s{i}",
            speakers=frozenset(rng.sample(speakers, rng.randint(1, 3))),
            area=rng.choice(areas),
            interest=rng.randint(5, 120),
        )
        for i in range(n_sessions)
    ]
    capacities = [150, 120, 80, 60, 40, 40, 30, 20][:n_rooms]
    rooms = [RoomSpec(key=f"r{i}", capacity=c) for i, c in enumerate(capacities)]
    return sessions, rooms


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="20 sessions, 4 rooms, 6 slots")
    args = parser.parse_args()
    n_sessions, n_rooms, slots, limit = (20, 4, 6, 0.3) if args.quick else (80, 8, 12, 3.0)
    if args.quick:
        print("quick mode: 20 sessions, 4 rooms, 6 slots; timings are not judged")
    sessions, rooms = instance(n_sessions, n_rooms)

    baseline = schedule(sessions, rooms, slots, time_limit=0.0)
    result = schedule(sessions, rooms, slots, time_limit=limit)
    clashes = speaker_clashes(sessions, result.placements)
    kinds = {
        k: sum(1 for c in result.conflicts if c.kind == k)
        for k in ("unplaced", "over_capacity", "same_area")
    }
    print(f"sessions {n_sessions}, rooms {n_rooms}, slots {slots}")
    print(f"greedy only: penalty {baseline.penalty}, {baseline.seconds:.3f} s")
    print(
        f"greedy + repair + improvement: penalty {result.penalty} "
        f"({result.penalty / max(1, baseline.penalty):.2f} of greedy), {result.seconds:.2f} s"
    )
    print(
        f"placed {len(result.placements)}, unplaced {kinds['unplaced']}, speaker clashes "
        f"{clashes}, over capacity {kinds['over_capacity']}, same-area pairs slots "
        f"{kinds['same_area']}"
    )
    ok = clashes == 0 and (args.quick or result.seconds <= 5.0) and not result.unplaced
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
