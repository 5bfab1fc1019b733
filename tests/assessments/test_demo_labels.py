"""Demo results that name real cities say so wherever they appear, on pages and in the API."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from citypeers.assessments.models import Certification
from tests.assessments.helpers import finished_assessment
from tests.factories.directory import JurisdictionFactory
from tests.profiles.panels import render_profile_panel

pytestmark = pytest.mark.integration


@pytest.fixture
def demo_peers(world):
    """Five demo results in the home city's state (enough for a benchmark), one real one."""
    cities = [JurisdictionFactory(state="TX", population=50_000) for _ in range(5)]
    demo = [
        finished_assessment(city, met_keys={"od-policy", "od-portal"}, is_demo=True)
        for city in cities
    ]
    return demo


def test_profile_never_shows_a_demo_level_as_the_citys_result(world, rf):
    assessment = finished_assessment(world.home, cycle=2023, is_demo=True)
    Certification.objects.create(
        jurisdiction=world.home,
        assessment=assessment,
        framework_title="City Data Practices",
        version_label="2025.1",
        cycle=2023,
        level_key="gold",
        level_title="Gold",
        granted_at=assessment.created_at,
        is_demo=True,
    )
    request = rf.get("/")
    request.user = AnonymousUser()

    html = render_profile_panel(
        "certification", user=request.user, jurisdiction=world.home, request=request
    )

    assert "cp-level--gold" not in html
    assert (
        "Hometown has no certified level on CityPeers. This site's demo invented a “Gold” result"
        in html
    )


def test_roadmap_marks_demo_peers_on_the_page_and_in_the_api(client, world, demo_peers):
    client.force_login(world.users["editor"])

    page = client.get(reverse("assessments:roadmap", args=[world.home_draft.pk]))
    steps = client.get(reverse("api:assessment_roadmap", kwargs={"pk": world.home_draft.pk}))

    portal = next(s for s in steps.json() if s["criterion"] == "od-portal")
    demo_slugs = {a.jurisdiction.slug for a in demo_peers}
    assert portal["peers_meeting"] == 6
    assert [p["is_demo"] for p in portal["peers"]] == [
        p["slug"] in demo_slugs for p in portal["peers"]
    ]
    assert sum(p["is_demo"] for p in portal["peers"]) >= 4
    assert page.content.decode().count(">Demo result</span>") == sum(
        p["is_demo"] for p in portal["peers"]
    )


def test_benchmarks_say_how_many_results_are_demo(client, world, demo_peers):
    client.force_login(world.users["editor"])

    body = client.get(
        reverse("api:assessment_benchmarks", kwargs={"pk": world.home_submitted.pk})
    ).json()
    page = client.get(reverse("assessments:result", args=[world.home_submitted.pk]))

    state = next(g for g in body["groups"] if g["key"] == "state")
    assert (state["size"], state["demo_count"]) == (6, 5)
    assert body["peer_median_demo_count"] == 5
    assert "5 of these results are invented for the demo." in page.content.decode()


def test_progress_marks_demo_cycles(client, world):
    demo = finished_assessment(world.home, cycle=2023, is_demo=True)
    client.force_login(world.users["editor"])

    points = client.get(reverse("api:assessment_progress", kwargs={"slug": world.home.slug}))
    page = client.get(reverse("assessments:city", args=[world.home.slug]))

    assert [(p["cycle"], p["is_demo"]) for p in points.json()] == [(2023, True), (2024, False)]
    assert demo.is_demo
    assert "were invented for this site's demo" in page.content.decode()
