"""An automatic timetable for participant-led sessions: greedy placement, then repair.

Hard rules: a room holds one session a slot; no speaker is in two places at once.
Soft rules, weighed in `penalty`: a room seats the session's expected interest (its votes);
sessions on the same challenge area do not run in parallel. What cannot be met is reported,
never hidden. Sessions given in `fixed` (placed by hand) keep their spot and are never moved.
"""

import random
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

OVERFLOW_WEIGHT = 1  # per seat short
SAME_AREA_WEIGHT = 25  # per pair of same-area sessions in one slot
FIXED_CLASH = "Its hand-placed spot is taken or clashes; placed anew."


@dataclass(frozen=True)
class SessionSpec:
    key: str
    speakers: frozenset[str]
    area: str = ""
    interest: int = 0


@dataclass(frozen=True)
class RoomSpec:
    key: str
    capacity: int


@dataclass(frozen=True)
class Conflict:
    kind: str  # "unplaced", "over_capacity", "same_area", "fixed_clash"
    sessions: tuple[str, ...]
    slot: int | None
    detail: str


@dataclass
class Timetable:
    placements: dict[str, tuple[int, str]] = field(default_factory=dict)  # key → (slot, room)
    unplaced: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    penalty: int = 0
    seconds: float = 0.0


class _State:
    def __init__(self, sessions: Sequence[SessionSpec], rooms: Sequence[RoomSpec], slots: int):
        self.sessions = {s.key: s for s in sessions}
        self.capacity = {r.key: r.capacity for r in rooms}
        self.rooms = sorted(rooms, key=lambda r: (r.capacity, r.key))
        self.slots = slots
        self.at: dict[str, tuple[int, str]] = {}
        self.room_taken: dict[tuple[int, str], str] = {}
        self.busy: dict[int, set[str]] = defaultdict(set)  # slot → speakers
        self.areas: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.fixed: set[str] = set()

    def can(self, s: SessionSpec, slot: int, room: str) -> bool:
        return (slot, room) not in self.room_taken and not (s.speakers & self.busy[slot])

    def cost(self, s: SessionSpec, slot: int, room: str) -> int:
        overflow = max(0, s.interest - self.capacity[room])
        same = self.areas[slot][s.area] if s.area else 0
        return OVERFLOW_WEIGHT * overflow + SAME_AREA_WEIGHT * same

    def place(self, s: SessionSpec, slot: int, room: str) -> None:
        self.at[s.key] = (slot, room)
        self.room_taken[(slot, room)] = s.key
        self.busy[slot] |= s.speakers
        if s.area:
            self.areas[slot][s.area] += 1

    def remove(self, s: SessionSpec) -> tuple[int, str]:
        slot, room = self.at.pop(s.key)
        del self.room_taken[(slot, room)]
        self.busy[slot] -= s.speakers
        if s.area:
            self.areas[slot][s.area] -= 1
        return slot, room

    def best_spot(self, s: SessionSpec) -> tuple[int, tuple[int, str] | None]:
        best: tuple[int, tuple[int, str] | None] = (1 << 60, None)
        for slot in range(self.slots):
            if s.speakers & self.busy[slot]:
                continue
            for room in self.rooms:
                if (slot, room.key) in self.room_taken:
                    continue
                c = self.cost(s, slot, room.key)
                # Among equal costs, the smallest room that fits keeps big rooms free.
                if c < best[0]:
                    best = (c, (slot, room.key))
        return best


def _penalty(state: _State) -> int:
    total = 0
    for key, (_, room) in state.at.items():
        total += OVERFLOW_WEIGHT * max(0, state.sessions[key].interest - state.capacity[room])
    for by_area in state.areas.values():
        for n in by_area.values():
            total += SAME_AREA_WEIGHT * (n * (n - 1) // 2)
    return total


def schedule(
    sessions: Sequence[SessionSpec],
    rooms: Sequence[RoomSpec],
    slots: int,
    *,
    time_limit: float = 2.0,
    seed: int = 0,
    fixed: Mapping[str, tuple[int, str]] | None = None,
) -> Timetable:
    """Place every session it can; improve by moves and swaps until `time_limit` seconds.

    `fixed` maps session keys to the (slot, room) they must keep; one that names an unknown
    spot, a taken room or a busy speaker is placed like the others and reported as
    "fixed_clash".
    """
    started = time.perf_counter()
    state = _State(sessions, rooms, slots)
    rng = random.Random(seed)
    fixed_clashes: list[Conflict] = []
    for key, (slot, room) in sorted((fixed or {}).items()):
        s = state.sessions.get(key)
        if s is None:
            continue
        if room in state.capacity and 0 <= slot < slots and state.can(s, slot, room):
            state.place(s, slot, room)
            state.fixed.add(key)
        else:
            fixed_clashes.append(Conflict("fixed_clash", (key,), slot, FIXED_CLASH))
    # Hardest first: most speakers, then most interest.
    order = sorted(
        (s for s in sessions if s.key not in state.fixed),
        key=lambda s: (-len(s.speakers), -s.interest, s.key),
    )
    unplaced = []
    for s in order:
        _, spot = state.best_spot(s)
        if spot is None:
            unplaced.append(s)
        else:
            state.place(s, *spot)
    unplaced = _repair(state, unplaced)
    _improve(state, rng, started + time_limit)
    result = _result(state, unplaced, time.perf_counter() - started)
    result.conflicts[:0] = fixed_clashes
    return result


def _repair(state: _State, unplaced: list[SessionSpec]) -> list[SessionSpec]:
    """Move one placed session elsewhere to free a spot for each unplaced one."""
    still = []
    for s in unplaced:
        done = False
        for slot in range(state.slots):
            blockers = [
                k for k in list(state.at) if state.at[k][0] == slot and k not in state.fixed
            ]
            for key in blockers:
                other = state.sessions[key]
                old = state.remove(other)
                if state.can(s, *old):
                    state.place(s, *old)
                    _, spot = state.best_spot(other)
                    if spot is not None:
                        state.place(other, *spot)
                        done = True
                        break
                    state.remove(s)
                state.place(other, *old)
            if done:
                break
        if not done:
            still.append(s)
    return still


def _improve(state: _State, rng: random.Random, deadline: float) -> None:
    """Random moves to free spots and swaps, kept when the penalty does not grow."""
    keys = [k for k in state.at if k not in state.fixed]
    if not keys:
        return
    spots = [(slot, room.key) for slot in range(state.slots) for room in state.rooms]
    current = _penalty(state)
    while current > 0 and time.perf_counter() < deadline:
        a = state.sessions[rng.choice(keys)]
        target = rng.choice(spots)
        b_key = state.room_taken.get(target)
        if b_key == a.key or b_key in state.fixed:
            continue
        b = state.sessions[b_key] if b_key else None
        pa = state.remove(a)
        pb = state.remove(b) if b else None
        moved = False
        if state.can(a, *target):
            state.place(a, *target)
            if b is None or state.can(b, *pa):
                if b is not None:
                    state.place(b, *pa)
                new = _penalty(state)
                if new <= current:
                    current = new
                    moved = True
                elif b is not None:
                    state.remove(b)
            if not moved:
                state.remove(a)
        if not moved:
            state.place(a, *pa)
            if b is not None and pb is not None:
                state.place(b, *pb)


def _result(state: _State, unplaced: list[SessionSpec], seconds: float) -> Timetable:
    conflicts = [
        Conflict("unplaced", (s.key,), None, "No slot without a speaker clash and a free room.")
        for s in unplaced
    ]
    for key, (slot, room) in sorted(state.at.items(), key=lambda kv: (kv[1], kv[0])):
        s = state.sessions[key]
        if s.interest > state.capacity[room]:
            conflicts.append(
                Conflict(
                    "over_capacity",
                    (key,),
                    slot,
                    f"{s.interest} interested, {state.capacity[room]} seats in {room}.",
                )
            )
    for slot in range(state.slots):
        by_area: dict[str, list[str]] = defaultdict(list)
        for key, (s_slot, _) in state.at.items():
            if s_slot == slot and state.sessions[key].area:
                by_area[state.sessions[key].area].append(key)
        for area, keys in sorted(by_area.items()):
            if len(keys) > 1:
                conflicts.append(
                    Conflict("same_area", tuple(sorted(keys)), slot, f"{len(keys)} on {area}.")
                )
    return Timetable(
        placements=dict(state.at),
        unplaced=[s.key for s in unplaced],
        conflicts=conflicts,
        penalty=_penalty(state),
        seconds=seconds,
    )


def speaker_clashes(sessions: Sequence[SessionSpec], placements: dict[str, tuple[int, str]]) -> int:
    """Independent check: how many (slot, speaker) pairs are double-booked."""
    seen: dict[tuple[int, str], int] = defaultdict(int)
    for s in sessions:
        if s.key in placements:
            for speaker in s.speakers:
                seen[(placements[s.key][0], speaker)] += 1
    return sum(n - 1 for n in seen.values() if n > 1)
