from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citypeers.digests.engine import (
    KIND_CAPS,
    KINDS,
    Agenda,
    Candidate,
    CandidateIndex,
    period_for,
    rank,
)

pytestmark = pytest.mark.unit

NOW = datetime(2026, 12, 7, 9, tzinfo=UTC)
HOUSING, TRANSIT, ZONING = 1, 2, 3


def _item(kind, key, **kwargs):
    defaults = {"title": f"{kind} {key}", "url": f"/{kind}/{key}/", "date": NOW - timedelta(days=2)}
    return Candidate(kind=kind, key=str(key), **{**defaults, **kwargs})


def _agenda(city_id, challenges, **kwargs):
    return Agenda(city_id=city_id, city_name=f"City {city_id}", challenges=challenges, **kwargs)


NEWS = [
    _item("solution", 1, area_ids=frozenset([HOUSING]), city_id=30, city_name="Austin, TX"),
    _item("solution", 2, area_ids=frozenset([TRANSIT]), city_id=31, city_name="Denver, CO"),
    _item("insight", 3, area_ids=frozenset([HOUSING])),
    _item("insight", 4, area_ids=frozenset([TRANSIT])),
]


def test_two_cities_with_different_challenges_get_different_digests_that_explain_themselves():
    housing = _agenda(10, {HOUSING: ("Housing affordability", "high")})
    transit = _agenda(11, {TRANSIT: ("Public transit", "medium")})

    housing_digest = rank(NEWS, housing, now=NOW)
    transit_digest = rank(NEWS, transit, now=NOW)

    assert [(i.candidate.kind, i.candidate.key, i.reason) for i in housing_digest] == [
        ("insight", "3", "On your challenge: Housing affordability"),
        ("solution", "1", "On your challenge: Housing affordability (from Austin, TX)"),
    ]
    assert [(i.candidate.kind, i.candidate.key, i.reason) for i in transit_digest] == [
        ("insight", "4", "On your challenge: Public transit"),
        ("solution", "2", "On your challenge: Public transit (from Denver, CO)"),
    ]


def test_a_city_with_no_agenda_gets_an_empty_digest():
    assert rank(NEWS, _agenda(10, {}), now=NOW) == []


def test_a_citys_own_solution_is_not_news_to_it():
    agenda = _agenda(30, {HOUSING: ("Housing affordability", "high")})

    assert [i.candidate.key for i in rank(NEWS, agenda, now=NOW)] == ["3"]


def test_a_sub_area_of_a_stated_challenge_counts_below_the_challenge_itself():
    agenda = _agenda(
        10, {HOUSING: ("Housing affordability", "high")}, related_areas={ZONING: HOUSING}
    )
    news = [
        _item("solution", 7, area_ids=frozenset([ZONING]), city_id=30, city_name="Austin, TX"),
        _item("solution", 8, area_ids=frozenset([HOUSING]), city_id=31, city_name="Denver, CO"),
    ]

    assert [i.candidate.key for i in rank(news, agenda, now=NOW)] == ["8", "7"]


def test_a_peer_meeting_a_criterion_the_city_lacks_names_the_roadmap_step():
    agenda = _agenda(10, {}, gaps={"1:od-policy": "Open data policy"}, peer_ids=frozenset([30]))
    news = [
        _item(
            "peer_criterion",
            5,
            city_id=30,
            city_name="Austin, TX",
            subject_id="1:od-policy",
            detail="Governance",
        ),
        _item("peer_criterion", 6, city_id=99, city_name="Faraway, ME", subject_id="1:od-policy"),
        _item("peer_criterion", 7, city_id=30, city_name="Austin, TX", subject_id="1:met-one"),
    ]

    [item] = rank(news, agenda, now=NOW)

    assert item.reason == (
        "Peer Austin, TX met criterion “Open data policy” that you lack"
        " — a roadmap step in Governance"
    )


def test_replications_of_solutions_the_city_uses_or_wrote_are_news():
    agenda = _agenda(10, {}, replicating={"40": "Considering"}, own_solution_ids=frozenset(["41"]))
    news = [
        _item(
            "replication", 1, city_id=30, city_name="Austin, TX", subject_id="40", detail="Piloting"
        ),
        _item(
            "replication", 2, city_id=31, city_name="Denver, CO", subject_id="41", detail="Adapting"
        ),
        _item(
            "replication", 3, city_id=31, city_name="Denver, CO", subject_id="42", detail="Adapting"
        ),
    ]

    reasons = {i.candidate.key: i.reason for i in rank(news, agenda, now=NOW)}

    assert reasons == {
        "1": "A solution you are considering: Austin, TX is piloting",
        "2": "Denver, CO is replicating your solution (Adapting)",
    }


def test_help_requests_go_to_cities_with_a_solution_in_their_area_but_not_to_the_asker():
    agenda = _agenda(10, {}, own_areas={HOUSING: "Housing affordability"})
    news = [
        _item("help_request", 1, area_ids=frozenset([HOUSING]), city_id=30, city_name="Austin, TX"),
        _item("help_request", 2, area_ids=frozenset([HOUSING]), city_id=10, city_name="Us"),
        _item("help_request", 3, area_ids=frozenset([TRANSIT]), city_id=30, city_name="Austin, TX"),
    ]

    [item] = rank(news, agenda, now=NOW)

    assert (item.candidate.key, item.reason) == (
        "1",
        "Austin, TX asks about Housing affordability, where your city has a solution",
    )


def test_events_open_to_all_come_after_events_on_the_citys_challenge():
    agenda = _agenda(10, {HOUSING: ("Housing affordability", "low")})
    news = [
        _item("event", "webinar:1", open_to_all=True, date=NOW + timedelta(days=3)),
        _item("event", "workshop:2", area_ids=frozenset([HOUSING]), date=NOW + timedelta(days=9)),
        _item("event", "workshop:3", area_ids=frozenset([TRANSIT])),
    ]

    assert [(i.candidate.key, i.reason) for i in rank(news, agenda, now=NOW)] == [
        ("workshop:2", "Upcoming, on your challenge: Housing affordability"),
        ("webinar:1", "Upcoming, open to every city in the network"),
    ]


def test_period_keys_start_on_monday_every_other_monday_and_the_first():
    assert period_for("weekly", datetime(2026, 12, 9).date()).key == "weekly:2026-12-07"
    assert period_for("fortnightly", datetime(2026, 12, 9).date()).key == "fortnightly:2026-11-30"
    assert period_for("monthly", datetime(2026, 12, 9).date()).key == "monthly:2026-12-01"
    assert str(period_for("monthly", datetime(2026, 1, 9).date()).covers_from) == "2025-12-01"


candidates = st.builds(
    Candidate,
    kind=st.sampled_from(KINDS),
    key=st.integers(0, 30).map(str),
    title=st.just("t"),
    url=st.just("/x/"),
    date=st.integers(-90, 90).map(lambda d: NOW + timedelta(days=d)),
    area_ids=st.frozensets(st.integers(1, 6), max_size=3),
    city_id=st.none() | st.integers(1, 8),
    city_name=st.just("Somewhere, ST"),
    subject_id=st.integers(1, 6).map(str),
    detail=st.just("Piloting"),
    open_to_all=st.booleans(),
)
agendas = st.builds(
    Agenda,
    city_id=st.integers(1, 8),
    city_name=st.just("Us, ST"),
    challenges=st.dictionaries(
        st.integers(1, 6), st.tuples(st.just("Area"), st.sampled_from(["high", "medium", "low"]))
    ),
    gaps=st.dictionaries(st.integers(1, 6).map(str), st.just("Criterion")),
    peer_ids=st.frozensets(st.integers(1, 8)),
    replicating=st.dictionaries(st.integers(1, 6).map(str), st.just("Considering")),
    own_solution_ids=st.frozensets(st.integers(1, 6).map(str)),
    own_areas=st.dictionaries(st.integers(1, 6), st.just("Area")),
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(candidates, max_size=20), agendas, st.integers(1, 12))
def test_ranking_is_capped_unique_explained_and_sorted(news, agenda, limit):
    ranked = rank(news, agenda, now=NOW, limit=limit)

    assert len(ranked) <= limit
    identities = [(i.candidate.kind, i.candidate.key) for i in ranked]
    assert len(identities) == len(set(identities))
    for kind in KINDS:
        assert sum(i.candidate.kind == kind for i in ranked) <= KIND_CAPS[kind]
    assert all(i.reason for i in ranked)
    assert [i.score for i in ranked] == sorted((i.score for i in ranked), reverse=True)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(candidates, max_size=20), agendas)
def test_ranking_ignores_the_order_of_the_candidates(news, agenda):
    assert rank(news, agenda, now=NOW) == rank(list(reversed(news)), agenda, now=NOW)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(candidates, max_size=20), st.integers(1, 8))
def test_a_city_with_an_empty_agenda_gets_only_events_open_to_all(news, city_id):
    ranked = rank(news, Agenda(city_id=city_id, city_name="Us, ST"), now=NOW)

    assert all(i.candidate.kind == "event" and i.candidate.open_to_all for i in ranked)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(candidates, max_size=20), agendas)
def test_the_index_keeps_every_candidate_the_ranking_would_keep(news, agenda):
    assert rank(CandidateIndex(news).for_agenda(agenda), agenda, now=NOW) == rank(
        news, agenda, now=NOW
    )
