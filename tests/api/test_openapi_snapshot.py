"""The OpenAPI document is a contract: a change must be deliberate and reviewed.

When this fails after an intended API change, run `make openapi-snapshot` and commit the new
`tests/api/openapi.json` with the change, so the diff shows what clients will see.
"""

import json
from pathlib import Path

import pytest

from citypeers.api.urls import api

SNAPSHOT = Path(__file__).with_name("openapi.json")

pytestmark = pytest.mark.integration


def current_document() -> str:
    return json.dumps(api.get_openapi_schema(), indent=1, sort_keys=True) + "\n"


def test_openapi_document_matches_the_committed_snapshot(db):
    assert current_document() == SNAPSHOT.read_text(), (
        "The API changed: run `make openapi-snapshot` and commit tests/api/openapi.json."
    )
