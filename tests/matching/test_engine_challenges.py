"""Challenge similarity, "they tried X; you tried Y", and two-way scores. No database."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citypeers.matching.engine import (
    SolutionDoc,
    StatementDoc,
    build_challenge_index,
    challenge_explanation,
    challenge_scores,
    challenge_sentence,
    offer_strength,
    solution_owners,
    two_way_for,
    two_way_scores,
)

pytestmark = pytest.mark.unit

PARENT = {"housing": None, "tenant-protection": "housing", "transport": None, "climate": None}


def _index():
    statements = [
        StatementDoc(
            1, 10, "housing", "high", "Rents rose faster than wages; families are displaced."
        ),
        StatementDoc(2, 20, "tenant-protection", "medium", "Evictions rose after rents climbed."),
        StatementDoc(3, 30, "transport", "low", "Buses are slow and unreliable."),
    ]
    solutions = [
        SolutionDoc(
            11,
            10,
            "land-trust",
            "Community land trust",
            frozenset({"housing"}),
            "implemented",
            3,
            "A community land trust keeps homes permanently affordable.",
        ),
        SolutionDoc(
            21,
            20,
            "right-to-counsel",
            "Right to counsel",
            frozenset({"tenant-protection"}),
            "scaled",
            4,
            "Free lawyers for tenants facing eviction in housing court.",
        ),
        SolutionDoc(
            31,
            30,
            "bus-lanes",
            "Bus lanes",
            frozenset({"transport"}),
            "piloting",
            2,
            "Painted bus lanes speed up routes.",
        ),
    ]
    return build_challenge_index(statements, solutions, PARENT)


def test_challenge_scores_rank_the_city_sharing_the_area_first():
    index = _index()
    scores = challenge_scores(index, 10, [20, 30], area="housing")
    assert sorted(scores, key=lambda c: -scores[c]) == [20]
    assert 0.6 <= scores[20] <= 1.0


def test_challenge_scores_without_area_use_jaccard_and_text():
    index = _index()
    assert set(challenge_scores(index, 10, [20, 30])) == {20}


def test_challenge_explanation_they_tried_you_tried():
    index = _index()
    ex = challenge_explanation(index, 10, 20, area="housing")
    assert [s.slug for s in ex.they_tried] == ["right-to-counsel"]
    assert [s.slug for s in ex.you_tried] == ["land-trust"]
    assert ex.peer_states_area is True
    assert ex.different_approach is True
    assert challenge_sentence(ex, {"housing": "Housing"}) == (
        "Both work on housing. They tried “Right to counsel”; you tried “Community land trust”"
        " — a different approach."
    )


def test_solution_owners_include_sub_areas():
    assert solution_owners(_index(), "housing") == frozenset({10, 20})


def test_offer_strength_orders_status_and_evidence():
    assert offer_strength("scaled", 4) == 1.0
    assert (
        offer_strength("planned", 1)
        < offer_strength("implemented", 1)
        < offer_strength("scaled", 1)
    )


NEEDS = {"a": {"housing": 1.0, "transport": 0.7}, "b": {"climate": 1.0}, "c": {"housing": 0.4}}
OFFERS = {
    "a": {"climate": [(1, 0.9)]},
    "b": {"housing": [(2, 1.0), (3, 0.5)]},
    "c": {"climate": [(4, 0.3)], "transport": [(5, 1.0)]},
}


def test_two_way_for_ranks_by_the_weaker_direction():
    results = two_way_for("a", NEEDS, OFFERS)
    # c offers transport (a needs it) but needs housing, which a does not offer: no match.
    assert [(s.b, round(s.score, 3), round(s.a_to_b, 3), round(s.b_to_a, 3)) for s in results] == [
        ("b", 0.9, 0.9, 1.0),
    ]
    assert [(e.area, e.solution_ids) for e in results[0].b_teaches] == [("housing", (2, 3))]
    assert [(e.area, e.solution_ids) for e in results[0].a_teaches] == [("climate", (1,))]


def test_two_way_scores_all_pairs_match_pairwise():
    pairs = two_way_scores(NEEDS, OFFERS)
    assert [(s.a, s.b, round(s.score, 3)) for s in pairs] == [("a", "b", 0.9), ("b", "c", 0.3)]


@settings(max_examples=50, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from("pqrstu"),
        st.dictionaries(st.sampled_from("xyz"), st.floats(0.1, 1.0)),
        max_size=6,
    ),
    st.dictionaries(
        st.sampled_from("pqrstu"),
        st.dictionaries(
            st.sampled_from("xyz"),
            st.lists(st.tuples(st.integers(1, 99), st.floats(0.1, 1.0)), min_size=1, max_size=3),
        ),
        max_size=6,
    ),
)
def test_two_way_scores_are_symmetric_mins(needs, offers):
    for s in two_way_scores(needs, offers):
        assert s.score == pytest.approx(min(s.a_to_b, s.b_to_a))
        reverse = two_way_for(s.b, needs, offers)
        assert {r.b: r.score for r in reverse}[s.a] == pytest.approx(s.score)
