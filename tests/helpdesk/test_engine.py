"""The routing engine, without a database: who is suggested, in what order, and why."""

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citypeers.helpdesk.engine import (
    CityEvidence,
    Expert,
    ReplicationFact,
    RequestFacts,
    SolutionFact,
    rank_cities,
    rank_experts,
)
from citypeers.helpdesk.engine.routing import STAGE_WEIGHTS

pytestmark = pytest.mark.unit

AREA, SIBLING, ELSEWHERE = 1, 2, 3
FACTS = RequestFacts(
    asking_city_id=100,
    area_id=AREA,
    area_name="Open data",
    sibling_area_ids=frozenset({SIBLING}),
    criterion_key="7",
    criterion_title="Open data policy",
    text="Which datasets to publish first",
)


def test_a_city_with_a_solution_in_the_area_is_suggested_with_the_reason():
    city = CityEvidence(
        1, "Riverton", solutions=(SolutionFact("Data portal", frozenset({AREA}), 2),)
    )

    [suggestion] = rank_cities(FACTS, [city])

    assert (suggestion.kind, suggestion.key, suggestion.score, suggestion.reasons) == (
        "city",
        1,
        4.0,
        ("Published solution “Data portal” in Open data, with 2 measured outcomes",),
    )


def test_replications_and_criteria_add_their_reasons_in_order():
    city = CityEvidence(
        2,
        "Lakeside",
        solutions=(SolutionFact("Sibling work", frozenset({SIBLING})),),
        replications=(ReplicationFact("Data portal", "piloting"),),
        criteria_met=frozenset({"7"}),
    )

    [suggestion] = rank_cities(FACTS, [city])

    assert suggestion.score == 5.0
    assert suggestion.reasons == (
        "Published solution “Sibling work” in a related challenge area",
        "Replicating “Data portal” (piloting)",
        "Meets the assessment criterion “Open data policy”",
    )


def test_the_asking_city_and_cities_without_evidence_are_left_out():
    cities = [
        CityEvidence(100, "Asker", solutions=(SolutionFact("Ours", frozenset({AREA})),)),
        CityEvidence(3, "Elsewhere", solutions=(SolutionFact("Other", frozenset({ELSEWHERE})),)),
        CityEvidence(4, "Dropped", replications=(ReplicationFact("Portal", "dropped"),)),
    ]

    assert rank_cities(FACTS, cities) == []


def test_experts_match_on_the_area_slug_too():
    facts = dataclasses.replace(
        FACTS, area_name="High-speed internet access", area_slug="broadband-access"
    )

    [suggestion] = rank_experts(facts, [Expert(10, "Ada", ("broadband",))])

    assert suggestion.reasons == (
        "Expertise “broadband” matches the area High-speed internet access",
    )


def test_experts_match_on_the_area_or_the_question():
    experts = [
        Expert(10, "Ada", ("open data", "GIS")),
        Expert(11, "Bo", ("datasets curation",)),
        Expert(12, "Cy", ("urban heat",)),
        Expert(13, "Di", ("open data",), city_id=100),
    ]

    ranked = rank_experts(FACTS, experts)

    assert [(s.key, s.score, s.reasons) for s in ranked] == [
        (10, 1.0, ("Expertise “open data” matches the area Open data",)),
        (11, 1.0, ("Expertise “datasets curation” matches the question (datasets)",)),
    ]


# --- properties ---------------------------------------------------------------------------------

area_ids = st.frozensets(st.sampled_from([AREA, SIBLING, ELSEWHERE]), max_size=3)
solutions = st.builds(
    SolutionFact,
    title=st.text(min_size=1, max_size=12),
    area_ids=area_ids,
    measured_outcomes=st.integers(min_value=0, max_value=6),
)
replications = st.builds(
    ReplicationFact,
    solution_title=st.text(min_size=1, max_size=12),
    stage=st.sampled_from([*STAGE_WEIGHTS, "paused", "dropped"]),
)
cities = st.lists(
    st.builds(
        CityEvidence,
        city_id=st.integers(min_value=1, max_value=120),
        name=st.text(min_size=1, max_size=10),
        solutions=st.tuples(solutions, solutions) | st.tuples(solutions) | st.just(()),
        replications=st.tuples(replications) | st.just(()),
        criteria_met=st.frozensets(st.sampled_from(["7", "8"]), max_size=2),
    ),
    max_size=15,
    unique_by=lambda c: c.city_id,
)
experts = st.lists(
    st.builds(
        Expert,
        user_id=st.integers(min_value=1, max_value=500),
        name=st.text(min_size=1, max_size=10),
        tags=st.lists(st.sampled_from(["open data", "data", "GIS", "heat", "datasets"])).map(tuple),
        city_id=st.none() | st.integers(min_value=99, max_value=101),
    ),
    max_size=15,
    unique_by=lambda e: e.user_id,
)


@given(cities, st.integers(min_value=0, max_value=20))
def test_city_ranking_is_sorted_limited_explained_and_never_the_asker(found, limit):
    ranked = rank_cities(FACTS, found, limit=limit)

    assert len(ranked) <= limit
    assert all(s.key != FACTS.asking_city_id for s in ranked)
    assert all(s.score > 0 and s.reasons for s in ranked)
    assert [s.score for s in ranked] == sorted((s.score for s in ranked), reverse=True)


@given(cities)
def test_city_ranking_does_not_depend_on_input_order(found):
    assert rank_cities(FACTS, found, limit=50) == rank_cities(FACTS, found[::-1], limit=50)


@given(cities, solutions)
def test_one_more_solution_never_lowers_a_citys_score(found, extra):
    if not found:
        return
    first = found[0]
    before = {s.key: s.score for s in rank_cities(FACTS, found, limit=200)}
    grown = dataclasses.replace(first, solutions=(*first.solutions, extra))
    after = {s.key: s.score for s in rank_cities(FACTS, [grown, *found[1:]], limit=200)}

    assert after.get(first.city_id, 0) >= before.get(first.city_id, 0)


@given(experts, st.integers(min_value=0, max_value=20))
def test_expert_ranking_is_sorted_limited_explained_and_never_the_asking_city(people, limit):
    ranked = rank_experts(FACTS, people, limit=limit)
    by_id = {e.user_id: e for e in people}

    assert len(ranked) <= limit
    assert all(by_id[s.key].city_id != FACTS.asking_city_id for s in ranked)
    assert all(s.score == len(s.reasons) > 0 for s in ranked)
    assert [(-s.score, s.name, s.key) for s in ranked] == sorted(
        (-s.score, s.name, s.key) for s in ranked
    )
