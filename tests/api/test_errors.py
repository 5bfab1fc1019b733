"""Every path under /api/v1/ answers JSON: unknown paths, ids that name nothing, wrong methods."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.integration

API = "/api/v1/"
METHODS = ["get", "post", "put", "patch", "delete"]
NOT_JSON_ROUTES = {"openapi-view"}  # the Swagger UI page itself
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _api_patterns():
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace == "api":
            return [p for p in pattern.url_patterns if isinstance(p, URLPattern)]
    raise AssertionError("the API is not mounted")


def _bad_id_paths() -> list[str]:
    """Every API route with a parameter, each parameter replaced by something it cannot name."""
    routes = {str(p.pattern) for p in _api_patterns() if PARAMETER.search(str(p.pattern))}
    return sorted(API + PARAMETER.sub("no-such-id", route) for route in routes)


BAD_ID_PATHS = _bad_id_paths()


def _call(client, method, path):
    if method == "get":
        return client.get(path)
    return getattr(client, method)(path, data="{}", content_type="application/json")


def _assert_json_error(response, label):
    assert response["Content-Type"].startswith("application/json"), label
    assert isinstance(response.json()["detail"], str), label


def test_every_route_with_a_parameter_is_walked():
    assert len(BAD_ID_PATHS) == 116


@pytest.mark.parametrize("who", ["anon", "site_admin"])
@pytest.mark.parametrize("path", BAD_ID_PATHS)
def test_a_bad_id_is_a_json_error_for_every_method(client, db, path, who):
    if who == "site_admin":
        client.force_login(UserFactory(is_superuser=True, is_staff=True))

    statuses = {}
    for method in METHODS:
        response = _call(client, method, path)
        _assert_json_error(response, f"{method.upper()} {path}")
        statuses[method] = response.status_code

    # A bad id never reaches an answer: 404, or a refusal that comes first (credentials, a
    # method the route does not take, a body that does not match its schema).
    assert set(statuses.values()) <= {401, 403, 404, 405, 422}, statuses
    if who == "site_admin" and statuses["get"] != 405:
        assert statuses["get"] == 404


@pytest.mark.parametrize("path", ["nope", "assessments/abc", "jurisdictions/x/y/z", ""])
def test_unknown_paths_are_a_json_404(client, db, settings, path):
    response = client.get(API + path)

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


def test_a_bad_integer_id_is_404_even_with_debug_on(client, db, settings):
    settings.DEBUG = True

    response = client.get(f"{API}assessments/abc/result")

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


def test_a_parameter_ninja_cannot_convert_is_404_not_422(client, db):
    response = client.get(f"{API}challenges/abc")

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


def test_a_method_the_route_does_not_take_is_a_json_405(client, db):
    response = client.delete(f"{API}assessment-frameworks")

    assert response.status_code == 405
    assert response.json() == {"detail": "Method not allowed."}
    assert response["Allow"] == "GET"


def test_every_api_route_without_parameters_answers_json_to_every_method(client, db):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    routes = [
        p
        for p in _api_patterns()
        if p.name not in NOT_JSON_ROUTES and not PARAMETER.search(str(p.pattern)) and str(p.pattern)
    ]
    not_json = []
    for pattern in routes:
        for method in METHODS:
            response = _call(client, method, API + str(pattern.pattern))
            content_type = response.get("Content-Type", "")
            if response.status_code >= 400 and not content_type.startswith("application/json"):
                not_json.append(f"{method.upper()} {pattern.pattern}: {response.status_code}")

    assert not_json == []


def test_html_pages_outside_the_api_keep_their_html_404(client, db):
    response = client.get("/directory/no-such-page/nothing/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
