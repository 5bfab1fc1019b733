"""GET /api/v1/jurisdictions/{key}/peers and /two-way: structured explanations, 4xx on bad input."""

import pytest

from citypeers.knowledge.enums import Priority
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import (
    ChallengeAreaFactory,
    ChallengeStatementFactory,
    SolutionFactory,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def boston(db):
    city = JurisdictionFactory(
        name="Boston",
        slug="boston-ma",
        state="MA",
        population=650_000,
        geoid="2507000",
        latitude=42.36,
        longitude=-71.06,
    )
    for i, pop in enumerate([640_000, 700_000, 300_000, 2_000_000, 60_000]):
        JurisdictionFactory(name=f"Peer {i}", slug=f"peer-{i}-tx", population=pop)
    return city


def test_peers_api_returns_ranked_results_with_explanations(client, boston):
    response = client.get("/api/v1/jurisdictions/2507000/peers?k=2")
    assert response.status_code == 200
    body = response.json()
    assert body["subject"]["slug"] == "boston-ma"
    assert [r["jurisdiction"]["slug"] for r in body["results"]] == ["peer-0-tx", "peer-1-tx"]
    first = body["results"][0]
    assert first["rank"] == 1
    assert [f["code"] for f in first["explanation"]["features"]] == ["population"]
    assert first["explanation"]["features"][0]["similarity_share"] == 1.0
    assert first["explanation"]["summary"] == (
        "Alike in size — population (650,000 vs 640,000). Sources: population: Test data 2021."
    )
    assert (
        first["explanation"]["features"][0]["subject_source"],
        first["explanation"]["features"][0]["subject_year"],
    ) == (
        "Test data",
        2021,
    )


def test_peers_api_weights_and_pins(client, boston):
    response = client.get(
        "/api/v1/jurisdictions/boston-ma/peers?k=1&weights=population:2,location:1&pinned=peer-4-tx"
    )
    body = response.json()
    assert response.status_code == 200
    assert {f["code"]: f["weight"] for f in body["features"]} == {
        "population": 2.0,
        "location": 1.0,
    }
    assert [(r["jurisdiction"]["slug"], r["rank"], r["pinned"]) for r in body["results"]] == [
        ("peer-0-tx", 1, False),
        ("peer-4-tx", 0, True),
    ]


@pytest.mark.parametrize(
    ("query", "status", "detail"),
    [
        ("k=0", 422, None),
        ("k=abc", 422, None),
        ("weights=nope:1", 400, "Unknown feature(s): nope. Known: location, population."),
        ("weights=population", 400, "weights: “population” should look like name:weight."),
        ("weights=population:-1", 400, "weight for population must be between 0 and 10."),
        ("challenge=unknown", 400, "Unknown challenge area “unknown”."),
        ("same_state=maybe", 400, "same_state must be one of: any, same, other."),
        (
            "band=huge",
            400,
            "band must be one of: under-10k, 10k-30k, 30k-100k, 100k-500k, 500k-plus.",
        ),
        ("pinned=a,b,c,d,e,f", 400, "You can pin at most 5 cities."),
        ("pinned=nowhere-zz", 400, "Pinned city “nowhere-zz” is not in the directory."),
        (
            "has_solution=true",
            400,
            "Choose a challenge area to keep only cities with a solution for it.",
        ),
        ("coalition=none", 400, "No coalition “none”."),
        (
            "level=state",
            400,
            "level must be one of: same, place, county_subdivision, county, all.",
        ),
    ],
)
def test_peers_api_bad_parameters_are_4xx(client, boston, query, status, detail):
    response = client.get(f"/api/v1/jurisdictions/boston-ma/peers?{query}")
    assert response.status_code == status
    if detail is not None:
        assert response.json()["detail"] == detail


def test_peers_api_compares_with_the_subjects_level_unless_told(client, boston):
    from citypeers.directory.enums import CensusLevel, GovernmentType

    JurisdictionFactory(
        name="Suffolk County",
        slug="suffolk-county-ma",
        state="MA",
        kind=GovernmentType.COUNTY,
        census_level=CensusLevel.COUNTY,
        population=650_000,
    )

    default = client.get("/api/v1/jurisdictions/boston-ma/peers?k=2").json()
    everything = client.get("/api/v1/jurisdictions/boston-ma/peers?k=10&level=all").json()
    counties = client.get("/api/v1/jurisdictions/boston-ma/peers?k=2&level=county").json()

    assert [r["jurisdiction"]["slug"] for r in default["results"]] == ["peer-0-tx", "peer-1-tx"]
    assert len(everything["results"]) == 6
    assert "suffolk-county-ma" in {r["jurisdiction"]["slug"] for r in everything["results"]}
    assert [r["jurisdiction"]["slug"] for r in counties["results"]] == ["suffolk-county-ma"]


def test_peers_api_unknown_city_is_404(client, boston):
    assert client.get("/api/v1/jurisdictions/nowhere-zz/peers").status_code == 404


@pytest.mark.parametrize("k", [1, 3])
def test_peers_api_query_count_is_constant(client, boston, django_assert_num_queries, k):
    client.get("/api/v1/jurisdictions/boston-ma/peers?k=1")  # build the caches
    # subject lookup, fingerprint, result rows
    with django_assert_num_queries(3):
        response = client.get(f"/api/v1/jurisdictions/boston-ma/peers?k={k}")
    assert len(response.json()["results"]) == k


@pytest.fixture
def exchange(boston):
    other = JurisdictionFactory(name="Denver", slug="denver-co", state="CO", population=700_000)
    housing = ChallengeAreaFactory(slug="housing", name="Housing")
    transit = ChallengeAreaFactory(slug="transit", name="Transit")
    ChallengeStatementFactory(jurisdiction=boston, area=housing, priority=Priority.HIGH)
    ChallengeStatementFactory(jurisdiction=other, area=transit, priority=Priority.HIGH)
    SolutionFactory(owner=boston, challenges=[transit], slug="bus-lanes", title="Bus lanes")
    SolutionFactory(owner=other, challenges=[housing], slug="land-trust", title="Land trust")
    return other


def test_two_way_api_explains_both_directions(client, exchange):
    body = client.get("/api/v1/jurisdictions/boston-ma/two-way").json()
    assert [r["partner"]["slug"] for r in body["results"]] == ["denver-co"]
    result = body["results"][0]
    assert [
        (e["area"], [s["slug"] for s in e["solutions"]]) for e in result["partner_teaches"]
    ] == [("housing", ["land-trust"])]
    assert [
        (e["area"], [s["slug"] for s in e["solutions"]]) for e in result["subject_teaches"]
    ] == [("transit", ["bus-lanes"])]
    assert result["score"] == min(result["partner_to_subject"], result["subject_to_partner"])


def test_two_way_api_query_count_is_constant(client, exchange, django_assert_num_queries):
    client.get("/api/v1/jurisdictions/boston-ma/two-way")
    # subject lookup, fingerprint, partner rows
    with django_assert_num_queries(3):
        client.get("/api/v1/jurisdictions/boston-ma/two-way?limit=1")
    with django_assert_num_queries(3):
        client.get("/api/v1/jurisdictions/boston-ma/two-way?limit=3")


def test_features_api_lists_codes_and_weights(client, boston):
    body = client.get("/api/v1/matching/features").json()
    assert [(f["code"], f["weight"]) for f in body["results"]] == [
        ("population", 1.0),
        ("location", 0.0),
    ]
    assert body["themes"] == ["size", "place"]
