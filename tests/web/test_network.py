import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from citypeers.assessments.enums import AssessmentStatus
from citypeers.coalitions.enums import ReplicationStage
from citypeers.convenings.enums import ConveningState
from citypeers.core.enums import PublicationStatus
from citypeers.core.panels import Panel, register_panel, unregister_panel
from citypeers.helpdesk.enums import RequestStatus
from citypeers.helpdesk.models import HelpRequest
from citypeers.knowledge.models import ChallengeStatement
from citypeers.web.network_selectors import PAGE, network_health
from citypeers.workshops.enums import InsightState, WebinarStatus, WorkshopState
from tests.factories.accounts import UserFactory
from tests.factories.assessments import AssessmentFactory
from tests.factories.coalitions import ReplicationFactory
from tests.factories.convenings import ConveningFactory
from tests.factories.directory import JurisdictionFactory
from tests.factories.helpdesk import HelpRequestFactory
from tests.factories.knowledge import (
    ChallengeAreaFactory,
    ChallengeStatementFactory,
    SolutionFactory,
)
from tests.factories.workshops import InsightFactory, WebinarFactory, WorkshopFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def organiser(db):
    return UserFactory(is_network_organiser=True)


def _statement_changed(days_ago: int, now) -> ChallengeStatement:
    statement = ChallengeStatementFactory()
    ChallengeStatement.objects.filter(pk=statement.pk).update(
        updated_at=now - timedelta(days=days_ago)
    )
    return statement


def _request_asked(days_ago: int, now, **kwargs) -> HelpRequest:
    request = HelpRequestFactory(**kwargs)
    HelpRequest.objects.filter(pk=request.pk).update(created_at=now - timedelta(days=days_ago))
    return request


def test_active_cities_compare_each_window_with_the_one_before(organiser):
    now = timezone.now()
    for days_ago in (0, 40, 100, 200):
        _statement_changed(days_ago, now)

    health = network_health(organiser, now=now)

    assert [(w.days, w.current, w.previous, w.change) for w in health.active_cities] == [
        (30, 1, 1, 0),
        (90, 2, 1, 1),
    ]


def test_active_cities_count_a_city_once_across_apps(organiser):
    now = timezone.now()
    city = JurisdictionFactory()
    ChallengeStatementFactory(jurisdiction=city)
    SolutionFactory(owner=city)
    HelpRequestFactory(jurisdiction=city)
    AssessmentFactory(jurisdiction=city)
    ReplicationFactory(adopter=city)

    health = network_health(organiser, now=now)

    assert health.active_cities[0].current == 2  # the city, and the solution replicated's owner


def test_areas_weigh_demand_against_supply_rolled_up_to_top_level(organiser):
    top = ChallengeAreaFactory(slug="housing", name="Housing")
    sub = ChallengeAreaFactory(slug="rentals", name="Rentals", parent=top)
    quiet = ChallengeAreaFactory(slug="water", name="Water")
    ChallengeStatementFactory(area=sub)
    ChallengeStatementFactory(area=top, status=PublicationStatus.DRAFT)
    HelpRequestFactory(area=top)
    HelpRequestFactory(area=sub, status=RequestStatus.MERGED)
    SolutionFactory(challenges=[top, sub])
    InsightFactory(area=sub)
    InsightFactory(area=top, state=InsightState.DRAFT, published_at=None)

    health = network_health(organiser, now=timezone.now())

    rows = {a.slug: (a.statements, a.help_requests, a.solutions, a.insights) for a in health.areas}
    assert rows == {"housing": (1, 1, 1, 1), "water": (0, 0, 0, 0)}
    assert quiet.slug in rows


def test_open_requests_are_bucketed_by_age(organiser):
    now = timezone.now()
    for days_ago in (0, 3, 5, 10, 45):
        _request_asked(days_ago, now)
    _request_asked(45, now, status=RequestStatus.CLOSED)
    _request_asked(2, now, status=RequestStatus.RESOLVED)

    health = network_health(organiser, now=now)

    assert [(b.label, b.count, b.older_than) for b in health.open_requests] == [
        ("Under a day", 1, ""),
        ("1 to 7 days", 2, "1"),
        ("7 to 30 days", 1, "7"),
        ("Over 30 days", 1, "30"),
    ]


def test_programme_review_and_replications_are_counted(organiser):
    now = timezone.now()
    WorkshopFactory(state=WorkshopState.IN_SESSION)
    WorkshopFactory(state=WorkshopState.PLANNING)
    WebinarFactory(starts_at=now - timedelta(minutes=10), ends_at=now + timedelta(minutes=50))
    WebinarFactory()
    WebinarFactory(status=WebinarStatus.DRAFT)
    ConveningFactory(state=ConveningState.LIVE)
    ConveningFactory(state=ConveningState.DRAFT)
    AssessmentFactory(status=AssessmentStatus.SUBMITTED, submitted_at=now - timedelta(days=3))
    AssessmentFactory(status=AssessmentStatus.EVIDENCE_REQUESTED, submitted_at=now)
    ReplicationFactory(stage=ReplicationStage.PILOTING)
    ReplicationFactory(stage=ReplicationStage.PILOTING)

    health = network_health(organiser, now=now)

    assert {w.key: w.count for w in health.workshops} == {
        "recruiting": 0,
        "in_session": 1,
        "synthesising": 0,
    }
    assert (health.webinars.live, health.webinars.upcoming) == (1, 1)
    assert {c.key: c.count for c in health.convenings}["live"] == 1
    assert (health.review.submitted, health.review.evidence_requested) == (1, 1)
    assert {r.key: r.count for r in health.replications}["piloting"] == 2
    assert sum(r.count for r in health.replications) == 2


@pytest.mark.parametrize("size", [1, 3])
def test_network_health_costs_a_constant_number_of_queries(
    organiser, size, django_assert_num_queries
):
    now = timezone.now()
    for _ in range(size):
        area = ChallengeAreaFactory()
        ChallengeStatementFactory(area=area)
        SolutionFactory(challenges=[area])
        HelpRequestFactory(area=area)
        InsightFactory(area=area)
        AssessmentFactory(status=AssessmentStatus.SUBMITTED, submitted_at=now)
        ReplicationFactory()
        WorkshopFactory(state=WorkshopState.RECRUITING)
        ConveningFactory(state=ConveningState.OPEN)
        WebinarFactory()

    with django_assert_num_queries(15):  # 13 + the digests part (2)
        network_health(organiser, now=now)


def test_network_health_is_cached_for_everyone(organiser, django_assert_num_queries):
    first = network_health(organiser)

    with django_assert_num_queries(0):
        again = network_health(UserFactory.build(is_superuser=True))

    assert again == first


@pytest.mark.parametrize("persona", ["anonymous", "member"])
def test_network_health_is_refused_to_others(db, persona):
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if persona == "anonymous" else UserFactory()

    with pytest.raises(PermissionDenied):
        network_health(user)


def test_page_shows_figures_with_links(client, organiser):
    area = ChallengeAreaFactory(slug="housing", name="Housing")
    HelpRequestFactory(area=area)
    client.force_login(organiser)

    response = client.get(reverse("web:network"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<caption>1 request someone still has to act on (new, open, routed or answered)" in html
    assert f'href="{reverse("helpdesk:queue")}"' in html
    assert f'href="{reverse("workshops:index")}?state=in_session"' in html
    assert f'href="{reverse("knowledge:solutions")}?challenge=housing"' in html


def test_page_for_an_empty_network_shows_empty_states(client, organiser):
    client.force_login(organiser)

    html = client.get(reverse("web:network")).content.decode()

    assert "No help request is waiting." in html
    assert "Nothing awaits review." in html


def test_member_is_refused_with_the_reason(client, db):
    client.force_login(UserFactory())

    page = client.get(reverse("web:network"))
    api = client.get(reverse("api:network_health"))

    assert (page.status_code, api.status_code) == (403, 403)
    assert api.json() == {
        "detail": "The network's health is for network organisers and site admins."
    }


def test_dashboard_links_organisers_to_the_network(client, organiser):
    client.force_login(organiser)

    html = client.get(reverse("web:dashboard")).content.decode()

    assert f'href="{reverse("web:network")}"' in html


@pytest.fixture
def digests_panel():
    panel = register_panel(
        PAGE,
        Panel(
            name="test-digests",
            template="web/_network_figures.html",
            context=lambda user, jurisdiction, empty: {
                "title": "Digests",
                "rows": [{"label": "Sent this month", "count": 12, "url": "/digests/"}],
            },
        ),
    )
    yield panel
    unregister_panel(PAGE, panel.name)


def test_registered_panel_adds_its_figures_to_page_and_api(client, organiser, digests_panel):
    client.force_login(organiser)

    html = client.get(reverse("web:network")).content.decode()
    data = client.get(reverse("api:network_health")).json()

    assert '<h2 id="panel-test-digests-heading">Digests</h2>' in html
    assert data["more"]["test-digests"]["rows"][0]["count"] == 12


def test_no_panel_registered_shows_no_digests_slot(client, organiser):
    from citypeers.core.panels import panels_for

    real = {p.name: p for p in panels_for(PAGE)}
    for name in real:
        unregister_panel(PAGE, name)
    client.force_login(organiser)

    html = client.get(reverse("web:network")).content.decode()
    data = client.get(reverse("api:network_health")).json()

    for panel in real.values():
        register_panel(PAGE, panel)
    assert ("Digests" in html, data["more"]) == (False, {})


def test_the_digests_part_reports_the_last_30_days(client, organiser):
    from citypeers.digests.enums import DeliveryStatus
    from citypeers.digests.models import DigestDelivery
    from tests.factories.accounts import UserFactory
    from tests.factories.directory import JurisdictionFactory

    city = JurisdictionFactory()
    now = timezone.now()
    for n, status in enumerate([DeliveryStatus.SENT, DeliveryStatus.SENT, DeliveryStatus.EMPTY]):
        DigestDelivery.objects.create(
            user=UserFactory(),
            jurisdiction=city,
            period=f"2026-W{n}",
            covers_from=now,
            covers_to=now,
            status=status,
        )
    client.force_login(organiser)

    rows = client.get(reverse("api:network_health")).json()["more"]["digests"]["rows"]

    assert [(r["label"], r["count"]) for r in rows] == [
        ("Sent", 2),
        ("Opened (a link followed)", 0),
        ("Nothing relevant, not sent", 1),
        ("Refused by the mail server", 0),
        ("Chose never to get one", 0),
    ]


def test_api_returns_the_page_figures(client, organiser):
    now = timezone.now()
    _request_asked(10, now)
    client.force_login(organiser)

    data = client.get(reverse("api:network_health")).json()

    assert [b["count"] for b in data["open_requests"]] == [0, 0, 1, 0]
    assert sorted(data) == [
        "active_cities",
        "areas",
        "computed_at",
        "convenings",
        "member_cities",
        "more",
        "open_requests",
        "replications",
        "review",
        "webinars",
        "workshops",
    ]


def test_every_table_has_a_caption_and_scoped_headers(client, organiser):
    ChallengeAreaFactory(slug="housing", name="Housing")
    HelpRequestFactory()
    AssessmentFactory(status=AssessmentStatus.SUBMITTED, submitted_at=timezone.now())
    client.force_login(organiser)

    html = client.get(reverse("web:network")).content.decode()

    tables = re.findall(r"<table.*?</table>", html, re.S)
    assert len(tables) == 8  # with the digests' figures
    assert [t.count("<caption") for t in tables] == [1] * 8
    assert re.findall(r"<th(?![^>]*scope=)(?!ead)[^>]*>", html) == []
