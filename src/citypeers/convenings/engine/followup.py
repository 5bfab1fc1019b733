"""When commitment check-ins fall due: 3, 6 and 12 months after a convening ends."""

import calendar
from collections.abc import Iterable
from datetime import date

MILESTONE_MONTHS = (3, 6, 12)


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def due_milestones(ended_on: date, today: date, already_sent: Iterable[int]) -> list[int]:
    """Milestones reached by `today` whose reminder has not gone out, earliest first.

    A late run sends only the latest one reached: a city never gets the 3-month and the
    6-month reminder on one day.
    """
    sent = set(already_sent)
    reached = [m for m in MILESTONE_MONTHS if add_months(ended_on, m) <= today]
    if not reached or reached[-1] in sent:
        return []
    return [reached[-1]]
