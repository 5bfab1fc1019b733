import csv
import io
import json

import pytest

from citypeers.core.enums import PublicationStatus
from citypeers.knowledge.models import ChallengeArea, ChallengeStatement, Solution
from citypeers.search.services import rebuild_index
from tests.factories.accounts import OrganisationFactory
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import (
    ChallengeStatementFactory,
    SolutionFactory,
    SolutionLinkFactory,
    SolutionOutcomeFactory,
)

pytestmark = pytest.mark.integration


def _area(slug):
    return ChallengeArea.objects.get(slug=slug)


def _post(client, url, payload):
    return client.post(url, json.dumps(payload), content_type="application/json")


def _patch(client, url, payload):
    return client.patch(url, json.dumps(payload), content_type="application/json")


SOLUTION = {
    "owner": "heatville-az",
    "title": "Cool roofs",
    "challenges": ["urban-heat-island"],
    "problem": "Hot homes.",
    "approach": "White roofs.",
    "status": "published",
    "outcomes": [{"name": "Roofs", "baseline": 0, "value": 120, "unit": "roofs"}],
    "links": [{"title": "Plan", "url": "https://example.org/plan"}],
}


def test_api_create_solution_returns_it(editor_client, taxonomy, city):
    response = _post(editor_client, "/api/v1/solutions", SOLUTION)
    body = response.json()
    assert (response.status_code, body["slug"], body["is_demo"], body["outcomes"][0]["value"]) == (
        201,
        "cool-roofs",
        False,
        120.0,
    )


def test_api_create_solution_for_another_city_is_forbidden(editor_client, taxonomy):
    JurisdictionFactory(slug="elsewhere-tx")
    response = _post(editor_client, "/api/v1/solutions", {**SOLUTION, "owner": "elsewhere-tx"})
    assert response.status_code == 403


def test_api_create_solution_validation_errors_are_400(editor_client, taxonomy, city):
    response = _post(
        editor_client, "/api/v1/solutions", {**SOLUTION, "challenges": ["no-such-area"]}
    )
    assert (response.status_code, response.json()["detail"]) == (
        400,
        "Unknown challenge areas: no-such-area.",
    )


def test_api_create_solution_schema_errors_are_422(editor_client, taxonomy, city):
    response = _post(editor_client, "/api/v1/solutions", {**SOLUTION, "challenges": []})
    assert response.status_code == 422


def test_api_create_solution_rejects_non_finite_numbers(editor_client, taxonomy, city):
    payload = json.dumps(SOLUTION).replace('"value": 120', '"value": NaN')
    response = editor_client.post("/api/v1/solutions", payload, content_type="application/json")
    assert response.status_code in (400, 422)


def test_api_create_solution_with_partner(editor_client, taxonomy, city):
    partner = OrganisationFactory(slug="heat-lab")
    response = _post(editor_client, "/api/v1/solutions", {**SOLUTION, "partners": ["heat-lab"]})
    assert [p["slug"] for p in response.json()["partners"]] == [partner.slug]


def test_api_update_solution_changes_fields_and_outcomes(editor_client, taxonomy, city):
    _post(editor_client, "/api/v1/solutions", SOLUTION)
    response = _patch(
        editor_client,
        "/api/v1/solutions/cool-roofs",
        {"evidence_level": "evaluated", "outcomes": []},
    )
    assert (response.json()["evidence_level"], response.json()["outcomes"]) == ("evaluated", [])


def test_api_delete_solution(editor_client, taxonomy, city):
    _post(editor_client, "/api/v1/solutions", SOLUTION)
    response = editor_client.delete("/api/v1/solutions/cool-roofs")
    assert (response.status_code, Solution.objects.count()) == (204, 0)


def test_api_token_auth_can_write(client, taxonomy, city, editor):
    from citypeers.accounts.models import ApiToken
    from citypeers.core.tokens import hash_token

    ApiToken.objects.create(user=editor, name="t", prefix="abc", token_hash=hash_token("secret"))
    response = client.post(
        "/api/v1/solutions",
        json.dumps(SOLUTION),
        content_type="application/json",
        headers={"Authorization": "Bearer secret"},
    )
    assert response.status_code == 201


def test_api_solution_list_filters_and_searches(client, taxonomy):
    SolutionFactory(
        title="Land trust",
        approach="Community land trust.",
        challenges=[_area("affordable-housing-supply")],
    )
    SolutionFactory(title="Bike lanes", challenges=[_area("active-mobility")])
    rebuild_index(kinds=["solution"])
    body = client.get(
        "/api/v1/solutions", {"search": "land", "challenge": "housing-affordability"}
    ).json()
    assert (body["count"], [r["title"] for r in body["results"]]) == (1, ["Land trust"])


def test_api_solution_list_hides_drafts(client, taxonomy):
    SolutionFactory(status=PublicationStatus.DRAFT)
    assert client.get("/api/v1/solutions").json()["count"] == 0


@pytest.mark.parametrize(
    "params",
    [
        {"search": 'water" NEAR( col:x *'},
        {"page": "0"},
        {"population_band": "huge"},
        {"sort": "'; drop"},
    ],
)
def test_api_solution_list_junk_input_is_not_a_server_error(client, taxonomy, params):
    assert client.get("/api/v1/solutions", params).status_code in (200, 422)


def test_api_challenge_create_and_patch(editor_client, taxonomy, city):
    created = _post(
        editor_client,
        "/api/v1/challenges",
        {
            "jurisdiction": city.slug,
            "area": "urban-heat-island",
            "narrative": "Streets are hot in summer.",
            "status": "published",
        },
    ).json()
    patched = _patch(editor_client, f"/api/v1/challenges/{created['id']}", {"priority": "high"})
    assert (patched.json()["priority"], ChallengeStatement.objects.get().priority) == (
        "high",
        "high",
    )


def test_api_challenge_create_duplicate_is_400(editor_client, taxonomy, city):
    ChallengeStatementFactory(jurisdiction=city, area=_area("urban-heat-island"))
    response = _post(
        editor_client,
        "/api/v1/challenges",
        {"jurisdiction": city.slug, "area": "urban-heat-island", "narrative": "Again."},
    )
    assert response.status_code == 400


def test_api_challenge_list_filters_by_area_and_state(client, taxonomy):
    ChallengeStatementFactory(
        area=_area("veteran-homelessness"), jurisdiction=JurisdictionFactory(state="MA")
    )
    ChallengeStatementFactory(area=_area("veteran-homelessness"))
    body = client.get("/api/v1/challenges", {"area": "homelessness", "state": "ma"}).json()
    assert [r["jurisdiction"]["state"] for r in body["results"]] == ["MA"]


def test_api_challenge_areas_lists_tree(client, taxonomy):
    body = client.get("/api/v1/challenge-areas").json()
    veteran = next(a for a in body if a["slug"] == "veteran-homelessness")
    assert (body[0]["parent"], veteran["parent"]) == (None, "homelessness")


def test_api_export_csv_includes_demo_flag(client, taxonomy):
    SolutionFactory(title="Demo thing", is_demo=True)
    response = client.get("/api/v1/export/solutions.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["title"], r["is_demo"]) for r in rows] == [("Demo thing", "True")]


def test_api_export_json_honours_filters(client, taxonomy):
    SolutionFactory(title="In TX")
    SolutionFactory(title="In CA", owner=JurisdictionFactory(state="CA"))
    body = json.loads(client.get("/api/v1/export/solutions.json", {"state": "CA"}).content)
    assert [r["title"] for r in body["results"]] == ["In CA"]


# --- query counts -----------------------------------------------------------------------------


def _make(n):
    for _ in range(n):
        solution = SolutionFactory(challenges=[_area("tree-canopy"), _area("heat-health")])
        SolutionOutcomeFactory(solution=solution)
        SolutionLinkFactory(solution=solution)
        ChallengeStatementFactory(jurisdiction=solution.owner, area=_area("tree-canopy"))


@pytest.mark.parametrize("item_count", [1, 3])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/api/v1/solutions", 3),
        ("/api/v1/challenges", 2),
        ("/api/v1/challenge-areas", 3),
        ("/api/v1/export/solutions.csv", 4),
        ("/api/v1/export/solutions.json", 4),
    ],
)
def test_api_list_query_count_is_constant(
    client, taxonomy, django_assert_num_queries, item_count, url, queries
):
    _make(item_count)
    with django_assert_num_queries(queries):
        client.get(url)


def test_api_export_csv_keeps_formulas_as_text(client, taxonomy):
    SolutionFactory(title='=HYPERLINK("http://evil.example","Click")', problem="-1+1")

    response = client.get("/api/v1/export/solutions.csv")

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["title"], r["problem"]) for r in rows] == [
        ('\'=HYPERLINK("http://evil.example","Click")', "'-1+1")
    ]
