import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citypeers.workshops.engine import (
    Candidate,
    CohortRules,
    Offer,
    exhaustive_cohort,
    explain_cohort,
    heuristic_cohort,
    lp_bound,
    prepare,
    propose_cohort,
    solve_exact,
)

pytestmark = pytest.mark.unit

AREAS = ["housing", "climate", "transport", "equity"]
APPROACHES = ["land trust", "zoning", "vouchers", "data"]


def city(key, needs, offers=(), state="TX", region="South", band="30k-100k", bonus=0):
    return Candidate(
        key=key,
        name=key.title(),
        needs=frozenset(needs),
        offers=tuple(Offer(area=a, approach=p, label=f"{key} {p}") for a, p in offers),
        state=state,
        region=region,
        size_band=band,
        bonus=bonus,
    )


def four_cities():
    return [
        city("ames", {"housing", "climate"}, [("housing", "land trust")]),
        city("boise", {"housing"}, [("climate", "data"), ("housing", "zoning")]),
        city("cary", {"housing", "transport"}, [("housing", "vouchers")], state="NC"),
        city("dover", {"housing"}, []),
    ]


def test_exact_cohort_covers_most_approaches_when_bounds_allow():
    rules = CohortRules(focus_area="housing", min_size=2, max_size=3)

    result = solve_exact(prepare(four_cities(), rules))

    assert (result.status, result.chosen, result.objective) == (
        "optimal",
        ("ames", "boise", "cary"),
        3 * 3 + 1,
    )


def test_exact_cohort_keeps_locked_city_without_exchange():
    rules = CohortRules(focus_area="housing", min_size=2, max_size=3, locked=frozenset({"dover"}))

    result = solve_exact(prepare(four_cities(), rules))

    assert "dover" in result.chosen
    assert len(result.chosen) == 3


def test_exact_cohort_leaves_out_city_that_cannot_teach():
    rules = CohortRules(focus_area="housing", min_size=2, max_size=4)

    result = solve_exact(prepare(four_cities(), rules))

    assert result.chosen == ("ames", "boise", "cary")


def test_exact_cohort_respects_state_cap():
    rules = CohortRules(focus_area="housing", min_size=2, max_size=3, max_per_state=1)

    result = solve_exact(prepare(four_cities(), rules))

    assert sorted(result.chosen) in (["ames", "cary"], ["boise", "cary"])


def test_exact_cohort_reports_infeasible_when_too_few_candidates():
    rules = CohortRules(focus_area="housing", min_size=5, max_size=6)

    result = solve_exact(prepare(four_cities(), rules))

    assert (result.status, result.chosen) == ("infeasible", ())
    assert result.message == (
        "Only 4 candidate cities stated this challenge; the minimum cohort size is 5."
    )


def test_excluded_city_is_never_chosen():
    rules = CohortRules(focus_area="housing", min_size=2, max_size=3, excluded=frozenset({"ames"}))

    result = solve_exact(prepare(four_cities(), rules))

    assert result.chosen == ("boise", "cary")


def test_explain_cohort_says_who_teaches_whom():
    pool = four_cities()

    reasons = explain_cohort(pool, ["ames", "boise"], area_labels={"housing": "Housing"})

    assert [t["city"] for t in reasons["ames"]["teaches"]] == ["Boise"]
    assert reasons["ames"]["teaches"][0]["areas"] == ["Housing"]
    assert [t["city"] for t in reasons["ames"]["learns"]] == ["Boise"]
    assert reasons["boise"]["unique_approaches"] == [
        {"area": "climate", "approach": "data"},
        {"area": "Housing", "approach": "zoning"},
    ]


def test_propose_cohort_switches_to_heuristic_above_exact_limit():
    rules = CohortRules(focus_area="housing", min_size=2, max_size=3)

    result = propose_cohort(four_cities(), rules, exact_limit=3)

    assert (result.method, result.status) == ("heuristic", "feasible")
    assert result.objective == 10
    assert result.bound == pytest.approx(10.0)


def test_lp_bound_is_at_least_the_optimum():
    problem = prepare(four_cities(), CohortRules(focus_area="housing", min_size=2, max_size=3))

    assert lp_bound(problem) >= solve_exact(problem).objective


@st.composite
def pools(draw):
    n = draw(st.integers(min_value=2, max_value=8))
    cities = []
    for i in range(n):
        needs = draw(st.sets(st.sampled_from(AREAS), min_size=1, max_size=3))
        offers = draw(
            st.lists(st.tuples(st.sampled_from(AREAS), st.sampled_from(APPROACHES)), max_size=3)
        )
        cities.append(
            city(
                f"c{i}",
                needs,
                offers,
                state=draw(st.sampled_from(["TX", "NC", "OH"])),
                band=draw(st.sampled_from(["small", "large"])),
                bonus=draw(st.integers(0, 2)),
            )
        )
    low = draw(st.integers(min_value=1, max_value=n))
    high = draw(st.integers(min_value=low, max_value=n))
    locked = draw(st.sets(st.sampled_from([c.key for c in cities]), max_size=min(2, high)))
    rules = CohortRules(
        focus_area="housing",
        min_size=low,
        max_size=high,
        locked=frozenset(locked),
        max_per_state=draw(st.none() | st.integers(1, 3)),
        max_per_band=draw(st.none() | st.integers(1, 4)),
        require_exchange=draw(st.booleans()),
    )
    return cities, rules


SOLVER_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@SOLVER_SETTINGS
@given(pools())
def test_exact_objective_equals_exhaustive_search(pool):
    cities, rules = pool
    problem = prepare(cities, rules)

    exact, brute = solve_exact(problem, with_bound=False), exhaustive_cohort(problem)

    assert exact.status in ("optimal", "infeasible")
    assert (exact.status == "infeasible") == (brute.status == "infeasible")
    assert exact.objective == brute.objective


@SOLVER_SETTINGS
@given(pools())
def test_exact_cohort_meets_size_bounds_locks_and_rules(pool):
    cities, rules = pool
    problem = prepare(cities, rules)

    result = solve_exact(problem, with_bound=False)

    if result.status != "infeasible":
        assert rules.min_size <= len(result.chosen) <= rules.max_size
        assert rules.locked <= set(result.chosen)
        assert problem.is_feasible([problem.index[k] for k in result.chosen])


@SOLVER_SETTINGS
@given(pools())
def test_heuristic_is_feasible_and_never_beats_exact(pool):
    cities, rules = pool
    problem = prepare(cities, rules)

    heuristic = heuristic_cohort(problem, time_budget=0.2, with_bound=False)
    brute = exhaustive_cohort(problem)

    if heuristic.status != "infeasible":
        assert problem.is_feasible([problem.index[k] for k in heuristic.chosen])
        assert rules.locked <= set(heuristic.chosen)
        assert heuristic.objective <= brute.objective


def test_exact_cohort_names_one_candidate_in_the_singular():
    rules = CohortRules(focus_area="housing", min_size=2, max_size=3)

    result = solve_exact(prepare(four_cities()[:1], rules))

    assert result.message == (
        "Only 1 candidate city stated this challenge; the minimum cohort size is 2."
    )
