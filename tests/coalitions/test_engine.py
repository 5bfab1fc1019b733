"""The replication stage machine, without a database."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citypeers.coalitions.engine.stages import (
    ADAPTING,
    ALL_STAGES,
    CONSIDERING,
    DROPPED,
    PAUSED,
    PILOTING,
    SCALING,
    TransitionRefused,
    allowed_targets,
    check_move,
)

pytestmark = pytest.mark.unit

ALLOWED = {
    CONSIDERING: (ADAPTING, PAUSED, DROPPED),
    ADAPTING: (CONSIDERING, PILOTING, PAUSED, DROPPED),
    PILOTING: (ADAPTING, SCALING, PAUSED, DROPPED),
    SCALING: (PILOTING, PAUSED, DROPPED),
    PAUSED: (CONSIDERING, ADAPTING, PILOTING, SCALING, DROPPED),
    DROPPED: (CONSIDERING,),
}
MOVES = [(s, t) for s in ALL_STAGES for t in ALL_STAGES]


def test_allowed_targets_match_the_documented_table():
    assert {s: allowed_targets(s) for s in ALL_STAGES} == ALLOWED


@pytest.mark.parametrize(("source", "target"), [m for m in MOVES if m[1] in ALLOWED[m[0]]])
def test_check_move_allows_each_documented_move_with_a_reason(source, target):
    move = check_move(source, target, "budget cut")

    assert (move.source, move.target) == (source, target)


@pytest.mark.parametrize(("source", "target"), [m for m in MOVES if m[1] not in ALLOWED[m[0]]])
def test_check_move_refuses_each_undocumented_move(source, target):
    with pytest.raises(TransitionRefused):
        check_move(source, target, "any reason")


@pytest.mark.parametrize(
    ("source", "target"),
    [(CONSIDERING, PAUSED), (PILOTING, DROPPED), (DROPPED, CONSIDERING), (SCALING, DROPPED)],
)
def test_check_move_without_reason_is_refused_where_one_is_needed(source, target):
    with pytest.raises(TransitionRefused, match="Say why"):
        check_move(source, target, "  ")


@pytest.mark.parametrize(
    ("source", "target"), [(CONSIDERING, ADAPTING), (PAUSED, PILOTING), (SCALING, PILOTING)]
)
def test_check_move_without_reason_is_allowed_for_working_moves(source, target):
    assert check_move(source, target).needs_reason is False


def test_check_move_unknown_stage_is_refused():
    with pytest.raises(TransitionRefused, match="Unknown stage"):
        check_move(CONSIDERING, "launched", "x")


@given(st.lists(st.sampled_from(ALL_STAGES), max_size=30))
def test_any_walk_of_allowed_moves_never_skips_a_working_stage(targets):
    stage = CONSIDERING
    for target in targets:
        try:
            check_move(stage, target, "reason")
        except TransitionRefused:
            continue
        if stage in (CONSIDERING, ADAPTING, PILOTING, SCALING) and target in (
            CONSIDERING,
            ADAPTING,
            PILOTING,
            SCALING,
        ):
            order = (CONSIDERING, ADAPTING, PILOTING, SCALING)
            assert abs(order.index(target) - order.index(stage)) == 1
        stage = target
    assert stage in ALL_STAGES


@given(st.sampled_from(ALL_STAGES), st.sampled_from(ALL_STAGES), st.text(max_size=20))
def test_check_move_either_returns_the_move_or_refuses(source, target, reason):
    try:
        move = check_move(source, target, reason)
    except TransitionRefused as refused:
        assert str(refused)
    else:
        assert move.target in allowed_targets(source)
