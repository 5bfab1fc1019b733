"""US states, DC and territories: USPS code ↔ FIPS ↔ name (from the `us` package)."""

from dataclasses import dataclass
from functools import cache

import us


@dataclass(frozen=True)
class State:
    code: str
    fips: str
    name: str


@cache
def all_states() -> tuple[State, ...]:
    states = [s for s in us.states.STATES_AND_TERRITORIES if s.fips]
    if us.states.DC not in states:
        states.append(us.states.DC)
    return tuple(sorted((State(s.abbr, s.fips, s.name) for s in states), key=lambda s: s.name))


@cache
def _index() -> dict[str, State]:
    index: dict[str, State] = {}
    for state in all_states():
        index[state.code.lower()] = state
        index[state.fips] = state
        index[state.name.lower()] = state
    return index


def find_state(text: str) -> State | None:
    """A state from its USPS code ("MA"), FIPS code ("25") or name ("Massachusetts")."""
    return _index().get((text or "").strip().lower()) if text else None


def state_choices() -> list[tuple[str, str]]:
    return [(state.code, state.name) for state in all_states()]
