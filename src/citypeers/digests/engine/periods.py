"""Which period a digest belongs to: the key that makes a delivery unique, and the window of
news it covers. Periods start at local midnight of the day given (the caller's time zone)."""

from dataclasses import dataclass
from datetime import date, timedelta

# Fortnights are counted from this Monday, so every scheduler agrees on where one starts.
FORTNIGHT_EPOCH = date(2024, 1, 1)


@dataclass(frozen=True)
class Period:
    key: str  # e.g. "weekly:2026-11-30"
    starts_on: date  # the first day of this period; the digest covers the period before it
    covers_from: date
    frequency: str


def _previous_month_start(day: date) -> date:
    first = day.replace(day=1)
    return (first - timedelta(days=1)).replace(day=1)


def period_for(frequency: str, today: date) -> Period:
    """The period `today` falls in for `frequency` ("weekly", "fortnightly", "monthly")."""
    if frequency == "weekly":
        start = today - timedelta(days=today.weekday())
        covers_from = start - timedelta(days=7)
    elif frequency == "fortnightly":
        days = (today - FORTNIGHT_EPOCH).days
        start = today - timedelta(days=days % 14)
        covers_from = start - timedelta(days=14)
    elif frequency == "monthly":
        start = today.replace(day=1)
        covers_from = _previous_month_start(today)
    else:
        raise ValueError(f"No period for frequency {frequency!r}.")
    return Period(
        key=f"{frequency}:{start.isoformat()}",
        starts_on=start,
        covers_from=covers_from,
        frequency=frequency,
    )
