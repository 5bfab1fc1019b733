"""Every link on the public pages works for an anonymous visitor, in a world like the demo."""

import io
import re
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from citypeers.accounts import setup as accounts_setup
from citypeers.accounts.models import User
from citypeers.assessments import setup as assessments_setup
from citypeers.knowledge import demo as knowledge_demo
from citypeers.knowledge import setup as knowledge_setup
from citypeers.workshops import setup as workshops_setup
from citypeers.workshops.demo_data import HOUSING_CITIES
from citypeers.workshops.enums import WorkshopState
from citypeers.workshops.models import Insight, Workshop
from citypeers.workshops.services import cohort, sessions
from citypeers.workshops.services import insights as insight_service
from citypeers.workshops.services import workshops as workshop_service
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration


def demo_cities() -> set[tuple[str, str]]:
    """Every (name, state) the demo content of any app refers to."""
    cities = {key for key, *_ in knowledge_demo.STATEMENTS}
    cities |= {key for key, *_ in knowledge_demo.SOLUTIONS}
    cities |= {city for *_, members in accounts_setup.COALITIONS for city in members}
    cities |= {(name, state) for name, state, _ in accounts_setup.CITY_ROLES.values()}
    cities |= {(name, state) for name, state, *_ in assessments_setup.DEMO_CITIES}
    cities |= {(name, state) for name, state, _ in assessments_setup.MATURITY_CITIES}
    cities |= {key for key, *_ in HOUSING_CITIES}
    return cities


def _published_workshop() -> Workshop:
    """A second workshop taken all the way, as an organiser would: an accepted cohort, a held
    session, an insight reviewed by someone else, then published. (The demo workshop itself
    stays in recruiting while its insight is already public.)"""
    organiser = User.objects.filter(is_network_organiser=True).order_by("pk").first()
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    demo = Workshop.objects.get(is_demo=True)
    workshop = workshop_service.create_workshop(
        by=organiser,
        title="Housing follow-up (demo)",
        area=demo.area,
        purpose="Demo content.",
        starts_on=timezone.localdate() - timedelta(days=30),
        ends_on=timezone.localdate() - timedelta(days=2),
        cohort_min=2,
        cohort_max=4,
        is_demo=True,
    )
    cities = [m.jurisdiction for m in demo.cohort.select_related("jurisdiction")[:3]]
    for city in cities:
        cohort.add_city(workshop=workshop, jurisdiction=city, by=organiser)
    cohort.invite_proposed(workshop=workshop, by=organiser)
    for member in workshop.cohort.all():
        cohort.respond_to_invitation(member=member, accept=True, by=admin)
    ended = timezone.now() - timedelta(days=3)
    session = sessions.save_session(
        workshop=workshop,
        by=organiser,
        title="What worked (demo)",
        starts_at=ended - timedelta(hours=2),
        ends_at=ended,
    )
    sessions.capture_statement(
        session=session,
        by=organiser,
        kind="result",
        text="Demo content: the trust kept 40 homes affordable.",
        attribution="city_only",
        jurisdiction=cities[0],
        is_demo=True,
    )
    insight = insight_service.create_insight(
        by=organiser,
        title="Follow-up insight (demo)",
        area=demo.area,
        workshop=workshop,
        challenge="Demo content.",
        steps=["Keep the land in trust."],
        audience="public",
        evidence_cities=cities,
        is_demo=True,
    )
    insight_service.transition_insight(insight=insight, to_state="reviewed", by=admin)
    insight_service.transition_insight(insight=insight, to_state="published", by=organiser)
    for state in (WorkshopState.IN_SESSION, WorkshopState.SYNTHESISING, WorkshopState.PUBLISHED):
        workshop_service.transition_workshop(workshop=workshop, to_state=state, by=organiser)
    return workshop


@pytest.fixture
def demo_like_world(db):
    for index, (name, state) in enumerate(sorted(demo_cities())):
        JurisdictionFactory(
            name=name,
            state=state,
            slug=f"{re.sub(r'[^a-z]+', '-', name.lower())}-{state.lower()}",
            population=100_000 + 1_000 * index,
        )
    out = io.StringIO()
    for module in (knowledge_setup, accounts_setup, assessments_setup, workshops_setup):
        module.setup_site(out)
    return _published_workshop()


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def internal_links(html: str) -> set[str]:
    parser = Links()
    parser.feed(html)
    found = set()
    for href in parser.hrefs:
        url, _ = urldefrag(href)
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/"):
            continue  # other sites, mailto:, tel: and in-page anchors
        found.add(url)
    return found


def test_public_pages_link_only_to_pages_a_visitor_can_open(client, demo_like_world):
    workshop = demo_like_world
    demo_insight = Insight.objects.get(is_demo=True, workshop__state=WorkshopState.RECRUITING)
    start = [
        reverse("web:home"),
        reverse("directory:list"),
        reverse("profiles:profile", args=["denver-co"]),
        reverse("knowledge:solutions"),
        reverse("workshops:insights"),
        demo_insight.get_absolute_url(),
        workshop.get_absolute_url(),
        reverse("workshops:report", args=[workshop.slug]),
        *[i.get_absolute_url() for i in Insight.objects.filter(workshop=workshop)],
        reverse("workshops:webinars"),
        reverse("search:search") + "?q=housing",
        reverse("web:about"),
    ]
    login = reverse("accounts:login")
    broken, checked = [], {}
    for page in start:
        response = client.get(page)
        assert response.status_code == 200, page
        for url in sorted(internal_links(response.content.decode()) - set(checked)):
            target = client.get(url)
            checked[url] = target.status_code
            location = target.headers.get("Location", "")
            if target.status_code >= 400 or location.startswith(login):
                broken.append((page, url, target.status_code, location))

    assert broken == []
    assert len(checked) > 60
