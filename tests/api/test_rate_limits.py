import pytest
from django.test import override_settings

from citypeers.accounts import services
from citypeers.core.ratelimit import Rate, parse_rate
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.integration

LIST = "/api/v1/jurisdictions"
LIMITS = {"anonymous": "3/min", "authenticated": "5/min"}


def _bearer(user) -> dict:
    _, raw = services.create_api_token(user=user, name="test")
    return {"Authorization": f"Bearer {raw}"}


@override_settings(CITYPEERS_API_RATE_LIMITS=LIMITS)
def test_anonymous_client_gets_429_with_retry_after_after_its_limit(client, db):
    statuses = [client.get(LIST, REMOTE_ADDR="10.1.0.1").status_code for _ in range(4)]
    response = client.get(LIST, REMOTE_ADDR="10.1.0.1")

    assert statuses == [200, 200, 200, 429]
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json() == {
        "detail": "Too many requests: the API allows 3 per minute per client address. "
        "Wait the number of seconds in the Retry-After header and try again."
    }


@override_settings(CITYPEERS_API_RATE_LIMITS=LIMITS)
def test_anonymous_limit_is_per_address(client, db):
    for _ in range(3):
        client.get(LIST, REMOTE_ADDR="10.1.0.1")

    response = client.get(LIST, REMOTE_ADDR="10.1.0.2")

    assert response.status_code == 200


@override_settings(CITYPEERS_API_RATE_LIMITS=LIMITS)
def test_token_client_gets_its_own_limit_and_then_429(client, db):
    headers = _bearer(UserFactory())
    for _ in range(3):
        client.get(LIST, REMOTE_ADDR="10.1.0.1")  # the address's anonymous allowance is used up

    statuses = [
        client.get(LIST, headers=headers, REMOTE_ADDR="10.1.0.1").status_code for _ in range(6)
    ]
    response = client.get("/api/v1/me", headers=headers, REMOTE_ADDR="10.1.0.9")

    assert statuses == [200, 200, 200, 200, 200, 429]
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["detail"] == (
        "Too many requests: the API allows 5 per minute per signed-in user or token. "
        "Wait the number of seconds in the Retry-After header and try again."
    )


@override_settings(CITYPEERS_API_RATE_LIMITS=LIMITS)
def test_invented_tokens_count_as_anonymous(client, db):
    statuses = [
        client.get(
            LIST, headers={"Authorization": f"Bearer cp_invented{n}"}, REMOTE_ADDR="10.1.0.1"
        ).status_code
        for n in range(4)
    ]

    assert statuses == [200, 200, 200, 429]


@override_settings(CITYPEERS_API_RATE_LIMITS=LIMITS)
def test_one_users_tokens_share_one_allowance(client, db):
    user = UserFactory()
    first, second = _bearer(user), _bearer(user)

    statuses = [client.get(LIST, headers=first).status_code for _ in range(3)] + [
        client.get(LIST, headers=second).status_code for _ in range(3)
    ]

    assert statuses == [200, 200, 200, 200, 200, 429]


@override_settings(
    CITYPEERS_API_RATE_LIMITS=LIMITS,
    CITYPEERS_TRUSTED_PROXIES=1,
)
def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(client, db):
    for _ in range(3):
        client.get(LIST, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")

    other = client.get(LIST, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6")
    spoofed = client.get(
        LIST, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.5"
    )

    assert other.status_code == 200
    assert spoofed.status_code == 429


@override_settings(CITYPEERS_API_RATE_LIMITS={"anonymous": "", "authenticated": ""})
def test_an_empty_rate_turns_the_limit_off(client, db):
    statuses = {client.get(LIST).status_code for _ in range(30)}

    assert statuses == {200}


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("600/min", Rate(count=600, seconds=60)),
        ("10/15min", Rate(count=10, seconds=900)),
        ("5/s", Rate(count=5, seconds=1)),
        ("1000/day", Rate(count=1000, seconds=86400)),
        ("", None),
    ],
)
def test_parse_rate_reads_count_and_period(text, rate):
    assert parse_rate(text) == rate


def test_parse_rate_refuses_an_unknown_period():
    with pytest.raises(ValueError, match="Not a rate"):
        parse_rate("10/fortnight")


def test_rate_describes_itself_in_words():
    assert [str(Rate(10, 900)), str(Rate(3, 60)), str(Rate(2, 45))] == [
        "10 per 15 minutes",
        "3 per minute",
        "2 per 45 seconds",
    ]
