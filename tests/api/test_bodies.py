"""JSON bodies: anything but an object is refused with a message, whatever the endpoint."""

import json

import pytest

from citypeers.accounts.enums import MembershipRole
from tests.factories.accounts import CityOrganisationFactory, MembershipFactory
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import ChallengeAreaFactory

API = "/api/v1"


@pytest.fixture
def editor_client(client, db):
    city = JurisdictionFactory(slug="riverton-tx")
    organisation = CityOrganisationFactory(jurisdiction=city)
    client.force_login(
        MembershipFactory(organisation=organisation, role=MembershipRole.EDITOR).user
    )
    return client


def test_invalid_json_is_a_400_that_says_so(editor_client):
    response = editor_client.post(
        f"{API}/solutions", data="{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["detail"].startswith("The request body is not valid JSON (")


@pytest.mark.parametrize("body", [[], ["title"], "text", 7, None])
def test_a_body_that_is_not_an_object_is_a_422(editor_client, body):
    ChallengeAreaFactory(slug="housing")

    response = editor_client.post(
        f"{API}/solutions", data=json.dumps(body), content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": 'The request body must be a JSON object, such as {"field": "value"}.'
    }


def test_other_http_errors_keep_their_status_and_message(client, db):
    response = client.get(f"{API}/docs/assets/nothing-here.js")

    assert response.status_code == 404
    assert response.json()["detail"]


def _object_schemas(schema, document, seen=None):
    """The schema and every object schema nested in it, following $refs."""
    seen = set() if seen is None else seen
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if ref:
            if ref in seen:
                return
            seen.add(ref)
            yield from _object_schemas(
                document["components"]["schemas"][ref.rsplit("/", 1)[-1]], document, seen
            )
            return
        if schema.get("type") == "object" or "properties" in schema:
            yield schema
        for value in schema.values():
            yield from _object_schemas(value, document, seen)
    elif isinstance(schema, list):
        for value in schema:
            yield from _object_schemas(value, document, seen)


def test_every_request_body_refuses_unknown_fields(client, db):
    document = client.get(f"{API}/openapi.json").json()
    open_bodies = []
    bodies = 0
    for path, item in document["paths"].items():
        for method, operation in item.items():
            body = operation.get("requestBody")
            if not body:
                continue
            bodies += 1
            for schema in _object_schemas(body["content"]["application/json"]["schema"], document):
                if schema.get("additionalProperties") is not False:
                    open_bodies.append(f"{method.upper()} {path}: {schema.get('title')}")

    assert (bodies, open_bodies) == (81, [])


def test_a_misspelt_field_is_a_422_naming_it_and_nothing_changes(editor_client):
    ChallengeAreaFactory(slug="housing")
    created = editor_client.post(
        f"{API}/solutions",
        data=json.dumps(
            {
                "owner": "riverton-tx",
                "title": "Tool library",
                "challenges": ["housing"],
                "problem": "p",
                "approach": "a",
            }
        ),
        content_type="application/json",
    )
    slug = created.json()["slug"]

    response = editor_client.patch(
        f"{API}/solutions/{slug}",
        data=json.dumps({"titel": "Renamed"}),
        content_type="application/json",
    )

    assert (response.status_code, response.json()["detail"]) == (
        422,
        "payload.titel: Extra inputs are not permitted",
    )
    assert editor_client.get(f"{API}/solutions/{slug}").json()["title"] == "Tool library"
