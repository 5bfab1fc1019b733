import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citypeers.convenings.engine.networking import Delegate, double_bookings, schedule_meetings

pytestmark = pytest.mark.unit

AREAS = ["housing", "broadband", "transit", "heat"]
delegate_lists = st.lists(
    st.builds(
        Delegate,
        key=st.uuids().map(str),
        city=st.sampled_from(["a", "b", "c", "d", "e"]),
        wants=st.frozensets(st.sampled_from(AREAS), max_size=2),
        offers=st.frozensets(st.sampled_from(AREAS), max_size=2),
    ),
    max_size=24,
    unique_by=lambda d: d.key,
)


@settings(deadline=None, max_examples=60)
@given(delegate_lists, st.integers(0, 4), st.integers(1, 6))
def test_no_double_booking_and_never_above_the_bound(delegates, slots, tables):
    result = schedule_meetings(delegates, slots=slots, tables=tables)
    assert double_bookings(result.meetings) == 0
    assert result.total_interest <= result.upper_bound
    per_slot = {}
    for m in result.meetings:
        per_slot[m.slot] = per_slot.get(m.slot, 0) + 1
    assert all(n <= tables for n in per_slot.values())


def test_mutual_pair_meets_and_says_why():
    delegates = [
        Delegate("ana", "nola", frozenset({"housing"}), frozenset({"broadband"})),
        Delegate("ben", "boston", frozenset({"broadband"}), frozenset({"housing"})),
        Delegate("cy", "boston", frozenset({"transit"}), frozenset()),
    ]
    result = schedule_meetings(delegates, slots=1, tables=1)
    assert [(m.a, m.b, m.reason) for m in result.meetings] == [
        ("ana", "ben", "ana learns about housing; ben learns about broadband")
    ]


def test_colleagues_from_one_city_are_not_paired():
    delegates = [
        Delegate("ana", "nola", frozenset({"housing"}), frozenset({"broadband"})),
        Delegate("ben", "nola", frozenset({"broadband"}), frozenset({"housing"})),
    ]
    assert schedule_meetings(delegates, slots=2, tables=2).meetings == []


def test_busy_slot_is_respected():
    delegates = [
        Delegate("ana", "nola", frozenset({"housing"}), frozenset({"broadband"})),
        Delegate("ben", "boston", frozenset({"broadband"}), frozenset({"housing"})),
    ]
    result = schedule_meetings(delegates, slots=2, tables=1, busy={"ana": {0}})
    assert [m.slot for m in result.meetings] == [1]


@settings(deadline=None, max_examples=60)
@given(
    delegate_lists,
    st.integers(1, 4),
    st.one_of(st.none(), st.floats(min_value=0, max_value=1e6, allow_nan=False)),
)
def test_the_dual_bound_holds_whatever_target_steers_it(delegates, slots, target):
    """Weak duality: any prices give a valid bound, so a misleading target may loosen the
    bound but never push it below a schedule the engine finds."""
    from citypeers.convenings.engine.networking import dual_bound, interest_matrix

    if len(delegates) < 2:
        return
    result = schedule_meetings(delegates, slots=slots, tables=len(delegates))
    weights, _ = interest_matrix(delegates)
    assert result.total_interest <= dual_bound(weights, slots, target=target)
