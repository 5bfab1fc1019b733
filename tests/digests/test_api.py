import json

import pytest

from citypeers.digests.models import DigestPreference

pytestmark = pytest.mark.integration

API = "/api/v1/digests"


def test_preferences_list_each_of_my_cities_weekly_until_chosen(client, network):
    client.force_login(network.housing_member)

    response = client.get(f"{API}/preferences")

    assert response.json() == [
        {"city": {"key": "hometown-tx", "name": "Hometown, TX"}, "frequency": "weekly"}
    ]


def test_put_preferences_saves_and_answers_the_new_choices(client, network):
    client.force_login(network.housing_member)
    body = {"preferences": [{"city": "hometown-tx", "frequency": "fortnightly"}]}

    response = client.put(f"{API}/preferences", json.dumps(body), content_type="application/json")

    assert response.status_code == 200
    assert response.json()[0]["frequency"] == "fortnightly"
    assert DigestPreference.objects.get().frequency == "fortnightly"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"preferences": [{"city": "railton-or", "frequency": "monthly"}]}, 404),
        ({"preferences": [{"city": "hometown-tx", "frequency": "daily"}]}, 422),
        ({"preferences": []}, 422),
        ({"preferences": [{"city": "hometown-tx", "frequency": "weekly", "x": 1}]}, 422),
    ],
)
def test_put_preferences_refuses_bad_bodies_with_json(client, network, body, status):
    client.force_login(network.housing_member)

    response = client.put(f"{API}/preferences", json.dumps(body), content_type="application/json")

    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert DigestPreference.objects.count() == 0


def test_preview_gives_each_item_with_its_reason(client, network):
    client.force_login(network.transit_member)

    response = client.get(f"{API}/preview?city=railton-or")

    body = response.json()
    assert body["would_send"] is True
    assert [(i["kind"], i["reason"]) for i in body["items"]] == [
        ("solution", "On your challenge: Public transit (from Peerville, CO)"),
        ("event", "Upcoming, on your challenge: Public transit"),
    ]


def test_preview_of_someone_elses_city_is_a_404(client, network):
    client.force_login(network.transit_member)

    response = client.get(f"{API}/preview?city=hometown-tx")

    assert response.status_code == 404


def test_preview_without_a_city_is_a_422(client, network):
    client.force_login(network.transit_member)

    assert client.get(f"{API}/preview").status_code == 422
