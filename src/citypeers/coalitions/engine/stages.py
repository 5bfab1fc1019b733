"""The replication stage machine, pure (no Django): which moves are allowed and what they need.

Forward moves go one step at a time (considering → adapting → piloting → scaling); a city may
also step back one stage (a pilot that needs more adapting). Any open stage may be paused or
dropped, and both need a reason. A paused replication resumes at any of the four working
stages; a dropped one may only be reconsidered (back to considering, with a reason).
"""

from dataclasses import dataclass

CONSIDERING = "considering"
ADAPTING = "adapting"
PILOTING = "piloting"
SCALING = "scaling"
PAUSED = "paused"
DROPPED = "dropped"

WORKING = (CONSIDERING, ADAPTING, PILOTING, SCALING)
ALL_STAGES = (*WORKING, PAUSED, DROPPED)
NEEDS_REASON = frozenset({PAUSED, DROPPED})


class TransitionRefused(ValueError):
    """The move is not allowed; the message says why, in words a city editor understands."""


@dataclass(frozen=True)
class Move:
    source: str
    target: str
    needs_reason: bool


def allowed_targets(source: str) -> tuple[str, ...]:
    """Every stage `source` may move to, in display order."""
    if source not in ALL_STAGES:
        raise TransitionRefused(f"Unknown stage “{source}”.")
    if source == DROPPED:
        return (CONSIDERING,)
    if source == PAUSED:
        return (*WORKING, DROPPED)
    index = WORKING.index(source)
    neighbours = [WORKING[i] for i in (index - 1, index + 1) if 0 <= i < len(WORKING)]
    return (*neighbours, PAUSED, DROPPED)


def check_move(source: str, target: str, reason: str = "") -> Move:
    """The move, or TransitionRefused naming what is wrong."""
    if target not in ALL_STAGES:
        raise TransitionRefused(f"Unknown stage “{target}”.")
    if target == source:
        raise TransitionRefused(f"The replication is already at “{target}”.")
    if target not in allowed_targets(source):
        raise TransitionRefused(
            f"A replication cannot move from “{source}” to “{target}”; "
            f"from “{source}” it can move to {', '.join(allowed_targets(source))}."
        )
    needs_reason = target in NEEDS_REASON or source == DROPPED
    if needs_reason and not reason.strip():
        raise TransitionRefused(f"Say why the replication moves to “{target}”.")
    return Move(source=source, target=target, needs_reason=needs_reason)
