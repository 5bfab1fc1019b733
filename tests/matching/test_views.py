"""Peer finder, comparison, two-way page, autocomplete and the profile panel."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def cities(db):
    home = JurisdictionFactory(name="Boston", slug="boston-ma", state="MA", population=650_000)
    peers = [
        JurisdictionFactory(name=f"Peer {i}", slug=f"peer-{i}-tx", population=pop)
        for i, pop in enumerate([640_000, 700_000, 300_000, 2_000_000, 60_000, 900_000])
    ]
    return home, peers


def test_finder_without_city_explains_how_it_works(client, db):
    response = client.get(reverse("matching:finder"))
    assert response.status_code == 200
    assert "How it works" in response.content.decode()


def test_finder_lists_peers_with_reasons(client, cities):
    response = client.get(reverse("matching:finder"), {"city": "Boston, MA", "k": "2"})
    page = response.content.decode()
    assert response.status_code == 200
    assert [m.jurisdiction.slug for m in response.context["search"].matches] == [
        "peer-0-tx",
        "peer-1-tx",
    ]
    assert (
        "Alike in size — population (650,000 vs 640,000). Sources: population: Test data 2021."
        in page
    )


def test_finder_htmx_returns_only_the_results(client, cities):
    response = client.get(
        reverse("matching:finder"), {"city": "boston-ma"}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert page.startswith('\n      <section id="peer-results"') or page.lstrip().startswith(
        '<section id="peer-results"'
    )
    assert "<html" not in page


def test_finder_unknown_city_shows_an_error(client, cities):
    response = client.get(reverse("matching:finder"), {"city": "Atlantis, ZZ"})
    assert (
        response.context["error"]
        == "No city in the directory matches “Atlantis, ZZ”. Pick one from the suggestions."
    )


def test_finder_bad_weight_shows_the_message(client, cities):
    response = client.get(reverse("matching:finder"), {"city": "boston-ma", "w_population": "lots"})
    assert response.context["error"] == "weight for population: “lots” is not a number."


@pytest.mark.parametrize("k", [1, 3])
def test_finder_query_count_is_constant(client, cities, django_assert_num_queries, k):
    url = reverse("matching:finder")
    client.get(url, {"city": "boston-ma", "k": "1"}, headers={"HX-Request": "true"})
    # subject, display-name check, fingerprint, result rows
    with django_assert_num_queries(4):
        response = client.get(
            url, {"city": "boston-ma", "k": str(k)}, headers={"HX-Request": "true"}
        )
    assert response.content.decode().count("cp-peer margin-bottom-2") == k


def test_city_options_autocomplete(client, cities):
    response = client.get(reverse("matching:city_options"), {"city": "Pee"})
    assert [o["value"] for o in response.context["options"]] == [
        "Peer 3, TX",
        "Peer 5, TX",
        "Peer 1, TX",
        "Peer 0, TX",
        "Peer 2, TX",
        "Peer 4, TX",
    ]


def test_compare_page_has_chart_and_every_feature_city_by_city(client, cities):
    response = client.get(reverse("matching:compare", kwargs={"slug": "boston-ma"}), {"k": "3"})
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(r.spec.code, r.subject, r.peers, r.peer_median) for r in rows] == [
        ("population", 650_000.0, (640_000.0, 700_000.0, 900_000.0), 700_000.0),
        ("location", None, (0.0, 0.0, 0.0), 0.0),
    ]
    assert [(r.source, r.year) for r in rows] == [
        ("Test data", 2021),
        ("Directory coordinates", None),
    ]
    assert response.context["chart"]["labels"] == ["Population"]
    page = response.content.decode()
    assert 'id="chart-data"' in page
    assert "<td>640,000</td><td>700,000</td><td>900,000</td>" in page


def test_compare_unknown_city_is_404(client, db):
    assert client.get(reverse("matching:compare", kwargs={"slug": "nowhere"})).status_code == 404


def test_two_way_page_without_content_shows_the_empty_state(client, cities):
    response = client.get(reverse("matching:two_way", kwargs={"slug": "boston-ma"}))
    assert "No two-way partner yet" in response.content.decode()


@pytest.mark.parametrize("extra", [0, 4])
def test_profile_panel_is_constant_queries(client, cities, django_assert_num_queries, extra):
    home, _ = cities
    for i in range(extra):
        JurisdictionFactory(population=650_000 + i)
    url = reverse("matching:profile_panel", kwargs={"slug": home.slug})
    client.get(url)  # build the caches
    # the city, the freshness fingerprint, the peer rows
    with django_assert_num_queries(3):
        html = client.get(url).content.decode()
    assert html.count("<li>") == 5


def test_profile_panel_slot_loads_peers_after_the_page(cities, django_assert_num_queries):
    home, _ = cities
    template = Template('{% include "matching/_profile_panel.html" %}')
    with django_assert_num_queries(0):
        html = template.render(Context({"jurisdiction": home}))
    assert f'hx-get="/peers/{home.slug}/panel/"' in html
