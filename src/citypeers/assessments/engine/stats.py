"""Small-group-safe statistics for benchmarks. Pure.

Nothing is computed over fewer than `MIN_GROUP` other cities, so no aggregate can be traced
back to one city.
"""

from collections.abc import Sequence
from statistics import median as _median

MIN_GROUP = 5


def median(values: Sequence[float]) -> float | None:
    if len(values) < MIN_GROUP:
        return None
    return round(float(_median(values)), 1)


def percentile_rank(value: float, others: Sequence[float]) -> int | None:
    """Share of the group scoring below `value`, counting ties as half (0 to 100)."""
    if len(others) < MIN_GROUP:
        return None
    below = sum(1 for other in others if other < value)
    equal = sum(1 for other in others if other == value)
    return round(100 * (below + equal / 2) / len(others))


def area_medians(
    rows: Sequence[dict[str, float]], keys: Sequence[str]
) -> dict[str, float | None] | None:
    """Median percent per area over a group of results, or None below the minimum group."""
    if len(rows) < MIN_GROUP:
        return None
    return {key: median([row.get(key, 0.0) for row in rows]) for key in keys}
