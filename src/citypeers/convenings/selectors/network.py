"""Convenings' figure for the organisers' view of the network (`web.network_selectors`)."""

from django.db.models import Count

from citypeers.convenings.enums import ConveningState
from citypeers.convenings.models import Convening

# A convening under way: delegations forming, programme set, on now, or being followed up.
CONVENINGS_IN_PROGRESS = (
    ConveningState.OPEN,
    ConveningState.PROGRAMME,
    ConveningState.LIVE,
    ConveningState.FOLLOW_UP,
)


def convenings_in_progress() -> dict[str, int]:
    """{state: convenings in it} for the states of a convening under way, zeros included."""
    rows = (
        Convening.objects.filter(state__in=CONVENINGS_IN_PROGRESS)
        .values("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = {row["state"]: row["n"] for row in rows}
    return {state: found.get(state, 0) for state in CONVENINGS_IN_PROGRESS}
