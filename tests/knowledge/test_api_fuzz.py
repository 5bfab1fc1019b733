"""Regressions found by fuzzing the API (tools/api_fuzz.sh): bad keys are 4xx/empty, never 500."""

import json

import pytest

from citypeers.knowledge.models import ChallengeArea
from citypeers.knowledge.selectors import id_from_key
from tests.factories.knowledge import ChallengeStatementFactory

pytestmark = pytest.mark.integration

# "²" passes str.isdigit() but int() rejects it; the others are past any id column's range.
BAD_NUMERIC_KEYS = ["²", "9223372036854775808", "99999999999999999999999"]


@pytest.mark.parametrize(("key", "expected"), [
    ("42", 42), ("9223372036854775807", 9223372036854775807), ("9223372036854775808", None),
    ("²", None), ("١", None), ("boston-ma", None), ("", None), ("-1", None),  # noqa: RUF001 - non-ASCII digits on purpose
])
def test_id_from_key_accepts_only_ascii_ids_in_range(key, expected):
    assert id_from_key(key) == expected


@pytest.mark.parametrize("key", BAD_NUMERIC_KEYS)
def test_api_challenge_list_bad_numeric_jurisdiction_is_empty(client, taxonomy, key):
    ChallengeStatementFactory()
    response = client.get("/api/v1/challenges", {"jurisdiction": key})
    assert (response.status_code, response.json()["count"]) == (200, 0)


def test_api_challenge_list_jurisdiction_by_id_still_matches(client, taxonomy):
    statement = ChallengeStatementFactory()
    response = client.get("/api/v1/challenges", {"jurisdiction": str(statement.jurisdiction_id)})
    assert [r["id"] for r in response.json()["results"]] == [statement.pk]


@pytest.mark.parametrize("key", BAD_NUMERIC_KEYS)
def test_api_challenge_create_bad_numeric_jurisdiction_is_400(editor_client, taxonomy, key):
    ChallengeArea.objects.get(slug="urban-heat-island")
    response = editor_client.post("/api/v1/challenges", json.dumps({
        "jurisdiction": key, "area": "urban-heat-island", "narrative": "Hot."}),
        content_type="application/json")
    assert (response.status_code, response.json()["detail"]) == (400, f"No city “{key}”.")


@pytest.mark.parametrize("key", BAD_NUMERIC_KEYS)
def test_api_solution_create_bad_numeric_owner_is_400(editor_client, taxonomy, key):
    response = editor_client.post("/api/v1/solutions", json.dumps({
        "owner": key, "title": "Cool roofs", "challenges": ["urban-heat-island"],
        "problem": "Hot homes.", "approach": "White roofs."}), content_type="application/json")
    assert (response.status_code, response.json()["detail"]) == (400, f"No city “{key}”.")
