"""Workshops, insights and webinars are found by the challenge they are filed under."""

import pytest

from citypeers.knowledge.models import ChallengeArea
from citypeers.knowledge.services import seed_taxonomy
from citypeers.search.backends import SearchFilters, search
from citypeers.workshops.enums import InsightState, WebinarStatus, WorkshopState
from citypeers.workshops.services import insights as insight_service
from citypeers.workshops.services import webinars as webinar_service
from citypeers.workshops.services import workshops as workshop_service
from tests.factories.accounts import UserFactory
from tests.factories.workshops import InsightFactory, WebinarFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def housing():
    seed_taxonomy()
    return ChallengeArea.objects.get(slug="affordable-housing-supply")


@pytest.fixture
def organiser():
    return UserFactory(is_network_organiser=True)


def test_housing_finds_insights_webinars_and_workshops_filed_under_it(housing, organiser):
    insight = InsightFactory(
        title="Land trusts keep homes cheap",
        area=housing,
        state=InsightState.PUBLISHED,
        audience="public",
        challenge="Prices rose.",
        steps=["Set up a trust"],
    )
    insight_service.update_insight(
        insight=insight, by=organiser, preconditions="A willing council."
    )
    webinar = WebinarFactory(title="Trusts in practice", area=housing, status=WebinarStatus.DRAFT)
    webinar_service.set_webinar_status(
        webinar=webinar, status=WebinarStatus.PUBLISHED, by=organiser
    )
    workshop = WorkshopFactory(
        title="Shared equity lab", area=housing, state=WorkshopState.PLANNING
    )
    workshop_service.transition_workshop(
        workshop=workshop, to_state=WorkshopState.RECRUITING, by=organiser
    )

    members = search("housing", include_private=True)
    public = search("housing")

    assert sorted((h.kind, h.title) for h in members.hits) == [
        ("event", "Trusts in practice"),
        ("insight", "Land trusts keep homes cheap"),
        ("workshop", "Shared equity lab"),
    ]
    # A recruiting workshop is for network members until its report is published.
    assert sorted(h.kind for h in public.hits) == ["event", "insight"]
    heat = ChallengeArea.objects.get(slug="urban-heat-island")
    other = InsightFactory(
        title="Tree trusts",
        area=heat,
        state=InsightState.PUBLISHED,
        audience="public",
        challenge="Shade.",
        steps=["Plant"],
    )
    insight_service.update_insight(insight=other, by=organiser, preconditions="Nurseries.")
    assert len(search("trusts", include_private=True).hits) == 4
    filtered = search(
        "trusts", include_private=True, filters=SearchFilters(areas=("affordable-housing-supply",))
    )
    assert sorted(h.kind for h in filtered.hits) == ["event", "insight", "workshop"]
