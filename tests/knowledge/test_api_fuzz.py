"""Regressions found by fuzzing the API (tools/api_fuzz.sh): bad keys are 4xx/empty, never 500."""

import json

import pytest

from citypeers.knowledge.models import ChallengeArea
from tests.factories.knowledge import ChallengeStatementFactory

pytestmark = pytest.mark.integration

# "²" passes str.isdigit() but int() rejects it; the others are past any id column's range.
BAD_NUMERIC_KEYS = ["²", "9223372036854775808", "99999999999999999999999"]


@pytest.mark.parametrize("key", BAD_NUMERIC_KEYS)
def test_api_challenge_list_bad_numeric_jurisdiction_is_empty(client, taxonomy, key):
    ChallengeStatementFactory()
    response = client.get("/api/v1/challenges", {"jurisdiction": key})
    assert (response.status_code, response.json()["count"]) == (200, 0)


def test_api_challenge_list_jurisdiction_by_geoid_matches(client, taxonomy):
    statement = ChallengeStatementFactory(jurisdiction__geoid="0412000")
    response = client.get("/api/v1/challenges", {"jurisdiction": "0412000"})
    assert [r["id"] for r in response.json()["results"]] == [statement.pk]


def test_api_challenge_list_jurisdiction_by_slug_matches(client, taxonomy):
    statement = ChallengeStatementFactory()
    response = client.get("/api/v1/challenges", {"jurisdiction": statement.jurisdiction.slug})
    assert [r["id"] for r in response.json()["results"]] == [statement.pk]


def test_api_solution_create_owner_by_geoid(editor_client, taxonomy, city):
    city.geoid = "0412000"
    city.save(update_fields=["geoid"])
    response = editor_client.post(
        "/api/v1/solutions",
        json.dumps(
            {
                "owner": "0412000",
                "title": "Cool roofs",
                "challenges": ["urban-heat-island"],
                "problem": "Hot homes.",
                "approach": "White roofs.",
            }
        ),
        content_type="application/json",
    )
    assert (response.status_code, response.json()["owner"]["slug"]) == (201, city.slug)


@pytest.mark.parametrize("key", BAD_NUMERIC_KEYS)
def test_api_challenge_create_bad_numeric_jurisdiction_is_400(editor_client, taxonomy, key):
    ChallengeArea.objects.get(slug="urban-heat-island")
    response = editor_client.post(
        "/api/v1/challenges",
        json.dumps({"jurisdiction": key, "area": "urban-heat-island", "narrative": "Hot."}),
        content_type="application/json",
    )
    assert (response.status_code, response.json()["detail"]) == (400, f"No city “{key}”.")


@pytest.mark.parametrize("key", BAD_NUMERIC_KEYS)
def test_api_solution_create_bad_numeric_owner_is_400(editor_client, taxonomy, key):
    response = editor_client.post(
        "/api/v1/solutions",
        json.dumps(
            {
                "owner": key,
                "title": "Cool roofs",
                "challenges": ["urban-heat-island"],
                "problem": "Hot homes.",
                "approach": "White roofs.",
            }
        ),
        content_type="application/json",
    )
    assert (response.status_code, response.json()["detail"]) == (400, f"No city “{key}”.")
