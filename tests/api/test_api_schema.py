"""The OpenAPI document must describe what the API really answers (found by Schemathesis)."""

import pytest
from ninja import Schema

from citypeers.api.urls import api

pytestmark = pytest.mark.integration


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_api_schema_names_are_unique_across_apps():
    # Ninja names a component by its class name: two apps' "StatementOut" made one overwrite the
    # other, so the document described workshop statements where challenge statements are sent.
    ours = {
        c
        for c in _subclasses(Schema)
        if c.__module__.startswith("citypeers.") and c.__qualname__ == c.__name__
    }
    names = {}
    for cls in ours:
        names.setdefault(cls.__name__, set()).add(cls.__module__)
    assert {n: sorted(m) for n, m in names.items() if len(m) > 1} == {}


def test_api_schema_challenge_statement_component_is_the_knowledge_one(db):
    components = api.get_openapi_schema()["components"]["schemas"]
    assert sorted(components["StatementOut"]["properties"]) == [
        "area",
        "created_at",
        "id",
        "is_demo",
        "jurisdiction",
        "narrative",
        "priority",
        "source_note",
        "status",
        "updated_at",
        "version",
    ]


def test_api_schema_documents_error_answers(db):
    paths = api.get_openapi_schema()["paths"]
    public = paths["/api/v1/challenges"]["get"]["responses"]
    write = paths["/api/v1/challenges"]["post"]["responses"]
    assert (sorted(public), sorted(write)) == (
        [200, 400, 403, 404, 422, 429],
        [201, 400, 401, 403, 404, 422, 429],
    )
    assert write[422]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
