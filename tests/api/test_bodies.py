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
