import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citypeers.convenings.engine.timetable import (
    Conflict,
    RoomSpec,
    SessionSpec,
    schedule,
    speaker_clashes,
)

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]

session_lists = st.lists(
    st.builds(
        SessionSpec,
        key=st.uuids().map(str),
        speakers=st.frozensets(
            st.sampled_from([f"p{i}" for i in range(8)]), min_size=1, max_size=3
        ),
        area=st.sampled_from(["", "housing", "broadband", "transit"]),
        interest=st.integers(0, 100),
    ),
    max_size=18,
    unique_by=lambda s: s.key,
)
room_lists = st.lists(st.integers(1, 120), min_size=1, max_size=4).map(
    lambda caps: [RoomSpec(key=f"r{i}", capacity=c) for i, c in enumerate(caps)]
)


@settings(deadline=None, max_examples=60)
@given(session_lists, room_lists, st.integers(1, 6))
def test_no_speaker_or_room_is_double_booked(sessions, rooms, slots):
    result = schedule(sessions, rooms, slots, time_limit=0.02)
    assert speaker_clashes(sessions, result.placements) == 0
    spots = list(result.placements.values())
    assert len(spots) == len(set(spots))


@settings(deadline=None, max_examples=60)
@given(session_lists, room_lists, st.integers(1, 6))
def test_every_session_is_placed_or_reported(sessions, rooms, slots):
    result = schedule(sessions, rooms, slots, time_limit=0.02)
    reported = {c.sessions[0] for c in result.conflicts if c.kind == "unplaced"}
    assert set(result.placements) | reported == {s.key for s in sessions}
    assert not set(result.placements) & reported


def test_parallel_same_area_sessions_are_moved_apart():
    sessions = [
        SessionSpec("a", frozenset({"x"}), "housing", 10),
        SessionSpec("b", frozenset({"y"}), "housing", 10),
    ]
    rooms = [RoomSpec("r1", 50), RoomSpec("r2", 50)]
    result = schedule(sessions, rooms, 2)
    assert result.placements["a"][0] != result.placements["b"][0]
    assert result.conflicts == []


def test_room_too_small_is_reported():
    result = schedule([SessionSpec("a", frozenset({"x"}), "", 80)], [RoomSpec("r1", 30)], 1)
    assert [(c.kind, c.detail) for c in result.conflicts] == [
        ("over_capacity", "80 interested, 30 seats in r1.")
    ]


def test_a_speaker_in_three_sessions_with_two_slots_leaves_one_unplaced():
    sessions = [SessionSpec(k, frozenset({"x"}), "", 5) for k in "abc"]
    result = schedule(sessions, [RoomSpec("r1", 50), RoomSpec("r2", 50)], 2)
    assert [c.kind for c in result.conflicts] == ["unplaced"]


@pytest.mark.integration
def test_timetable_benchmark_quick_mode_passes():
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "convenings_timetable.py"), "--quick"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (run.returncode, run.stdout.splitlines()[-1]) == (0, "OK")


def test_fixed_sessions_keep_their_spot_and_others_avoid_it():
    sessions = [
        SessionSpec("a", frozenset({"ana"})),
        SessionSpec("b", frozenset({"ana"})),
    ]
    rooms = [RoomSpec("r1", 10), RoomSpec("r2", 10)]

    result = schedule(sessions, rooms, 2, time_limit=0.1, fixed={"a": (1, "r2")})

    assert result.placements["a"] == (1, "r2")
    assert result.placements["b"][0] == 0
    assert result.conflicts == []


def test_a_fixed_spot_that_clashes_is_reported_and_the_session_placed_anew():
    sessions = [SessionSpec("a", frozenset()), SessionSpec("b", frozenset())]

    result = schedule(
        sessions, [RoomSpec("r1", 10)], 2, time_limit=0.1, fixed={"a": (0, "r1"), "b": (0, "r1")}
    )

    assert result.placements == {"a": (0, "r1"), "b": (1, "r1")}
    assert result.conflicts == [
        Conflict("fixed_clash", ("b",), 0, "Its hand-placed spot is taken or clashes; placed anew.")
    ]


@settings(deadline=None, max_examples=60)
@given(session_lists, room_lists, st.integers(1, 6))
def test_hand_placed_sessions_never_move(sessions, rooms, slots):
    first = schedule(sessions, rooms, slots, time_limit=0.01)
    fixed = dict(list(first.placements.items())[:3])

    result = schedule(sessions, rooms, slots, time_limit=0.02, seed=1, fixed=fixed)

    assert {k: result.placements[k] for k in fixed} == fixed
    assert speaker_clashes(sessions, result.placements) == 0
    assert [c for c in result.conflicts if c.kind == "fixed_clash"] == []
