"""Peers and two-way partners from the database; the cache follows data changes."""

import pytest
from django.core.exceptions import ValidationError

from citypeers.knowledge.enums import EvidenceLevel, Priority, SolutionStatus
from citypeers.matching import cache, selectors
from citypeers.matching.params import PeerParams
from citypeers.matching.services import mark_features_stale
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import (
    ChallengeAreaFactory,
    ChallengeStatementFactory,
    SolutionFactory,
)
from tests.factories.matching import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def cities(db):
    sizes = {"alpha": 100_000, "beta": 105_000, "gamma": 400_000, "delta": 99_000, "eps": 5_000}
    return {
        name: JurisdictionFactory(name=name.title(), slug=f"{name}-tx", population=pop)
        for name, pop in sizes.items()
    }


def test_peer_ids_for_orders_by_population_similarity(cities):
    ids = selectors.peer_ids_for(cities["alpha"], k=3)
    assert ids == [cities["delta"].pk, cities["beta"].pk, cities["gamma"].pk]


def test_peer_ids_for_city_without_population_is_empty(cities):
    lonely = JurisdictionFactory(population=None, latitude=None, longitude=None)
    assert selectors.peer_ids_for(lonely) == []


def test_peer_search_explains_missing_indicator_of_a_pinned_city_it_does_not_rank(cities):
    income = IndicatorFactory(code="median-income", label="Median income", unit="$")
    for name, value in [("alpha", 50_000), ("beta", 52_000), ("gamma", 51_000), ("delta", 90_000)]:
        IndicatorValueFactory(jurisdiction=cities[name], indicator=income, value=value)
    search = selectors.peer_search(cities["alpha"], PeerParams(k=4, pinned=("eps-tx",)))
    by_slug = {m.jurisdiction.slug: m for m in search.matches}
    eps = by_slug["eps-tx"]
    # Eps has no value in the subject's economy-like theme, so it is shown only as a pin.
    assert (eps.result.rank, eps.result.pinned) == (0, True)
    assert [(x.code, x.missing_for) for x in eps.result.missing] == [("median-income", "peer")]
    assert eps.context_text == (
        "Differs most in size — population (100,000 vs 5,000). Not compared (missing for Eps): "
        "median income. Sources: population: Test data 2021."
    )


def test_cache_rebuilds_when_an_indicator_value_changes(cities):
    income = IndicatorFactory(code="income")
    values = [
        IndicatorValueFactory(jurisdiction=cities[n], indicator=income, value=v)
        for n, v in [("alpha", 1.0), ("beta", 2.0), ("gamma", 3.0)]
    ]
    first = cache.feature_matrix()
    values[1].value = 9.0
    values[1].save()
    second = cache.feature_matrix()
    assert first is not second
    assert second.raw[second.row_of[cities["beta"].pk], second.feature_index("income")] == 9.0


def test_cache_kept_when_nothing_changed(cities):
    assert cache.feature_matrix() is cache.feature_matrix()


def test_mark_features_stale_forces_a_rebuild(cities):
    first = cache.feature_matrix()
    mark_features_stale()
    assert cache.feature_matrix() is not first


def test_peer_search_unknown_challenge_is_a_validation_error(cities):
    with pytest.raises(ValidationError) as error:
        selectors.peer_search(cities["alpha"], PeerParams(challenge="no-such-area"))
    assert error.value.messages == ["Unknown challenge area “no-such-area”."]


def test_peer_search_has_solution_filter_and_they_tried(cities):
    area = ChallengeAreaFactory(slug="housing-affordability", name="Housing affordability")
    ChallengeStatementFactory(jurisdiction=cities["alpha"], area=area)
    solution = SolutionFactory(owner=cities["gamma"], challenges=[area], title="Land trust")
    search = selectors.peer_search(
        cities["alpha"], PeerParams(k=5, challenge="housing-affordability", has_solution=True)
    )
    assert [m.jurisdiction.slug for m in search.matches] == ["gamma-tx"]
    assert [s.id for s in search.matches[0].challenge.they_tried] == [solution.pk]
    assert search.matches[0].challenge_text == (
        "Both work on housing affordability. "
        "They tried “Land trust”; you have no solution recorded for it yet."
    )


def test_two_way_partners_both_directions(cities):
    housing = ChallengeAreaFactory(slug="housing", name="Housing")
    transit = ChallengeAreaFactory(slug="transit", name="Transit")
    ChallengeStatementFactory(jurisdiction=cities["alpha"], area=housing, priority=Priority.HIGH)
    ChallengeStatementFactory(jurisdiction=cities["beta"], area=transit, priority=Priority.HIGH)
    mine = SolutionFactory(
        owner=cities["alpha"],
        challenges=[transit],
        solution_status=SolutionStatus.SCALED,
        evidence_level=EvidenceLevel.RIGOROUS,
    )
    theirs = SolutionFactory(
        owner=cities["beta"],
        challenges=[housing],
        solution_status=SolutionStatus.IMPLEMENTED,
        evidence_level=EvidenceLevel.EVALUATED,
    )
    matches = selectors.two_way_partners(cities["alpha"])
    assert [(m.partner_id, round(m.score, 3)) for m in matches] == [(cities["beta"].pk, 0.765)]
    match = matches[0]
    assert [(e.area, e.solution_ids) for e in match.partner_teaches] == [("housing", (theirs.pk,))]
    assert [(e.area, e.solution_ids) for e in match.subject_teaches] == [("transit", (mine.pk,))]
    assert match.subject_to_partner == 1.0
    assert round(match.context_similarity, 1) == 53.5  # robust scale of five test cities


def test_jurisdiction_by_key_forms(cities):
    alpha = cities["alpha"]
    alpha.geoid = "4812345"
    alpha.save()
    assert selectors.jurisdiction_by_key("alpha-tx") == alpha
    assert selectors.jurisdiction_by_key("4812345") == alpha
    assert selectors.jurisdiction_by_key("Alpha, TX") == alpha
    assert selectors.jurisdiction_by_key("Alpha, tx [alpha-tx]") == alpha


def test_indicator_grid_keeps_each_citys_latest_year_with_that_year(cities):
    income = IndicatorFactory(code="income")
    IndicatorValueFactory(jurisdiction=cities["alpha"], indicator=income, year=2023, value=3.0)
    IndicatorValueFactory(jurisdiction=cities["alpha"], indicator=income, year=2019, value=1.0)
    IndicatorValueFactory(jurisdiction=cities["beta"], indicator=income, year=2019, value=2.0)

    grid = cache.read_indicator_grid()

    rows = [grid.ids.tolist().index(cities[n].pk) for n in ("alpha", "beta")]
    assert grid.values[rows, 0].tolist() == [3.0, 2.0]
    assert grid.years[rows, 0].tolist() == [2023.0, 2019.0]
