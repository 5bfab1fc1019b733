"""Two organisers edit one workshop from the same version: the second save is refused."""

import pytest
from django.urls import reverse

from citypeers.core.services import StaleEdit
from citypeers.workshops.enums import WorkshopState
from citypeers.workshops.models import Insight, Workshop
from citypeers.workshops.services import insights as service_insights
from citypeers.workshops.services import workshops as service
from tests.factories.accounts import UserFactory
from tests.factories.workshops import InsightFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(db):
    return UserFactory(is_network_organiser=True)


def _copy(workshop):
    return Workshop.objects.get(pk=workshop.pk)


def test_second_stale_workshop_save_is_refused_and_writes_nothing(organiser):
    workshop = WorkshopFactory(title="Old title", capacity=40)
    first, second = _copy(workshop), _copy(workshop)

    service.update_workshop(workshop=first, by=organiser, title="A's title", expected_version=1)
    with pytest.raises(StaleEdit) as refused:
        service.update_workshop(workshop=second, by=organiser, capacity=60, expected_version=1)

    workshop.refresh_from_db()
    assert (workshop.title, workshop.capacity, workshop.version) == ("A's title", 40, 2)
    assert refused.value.current_version == 2


def test_workshop_edit_does_not_undo_a_state_change_made_meanwhile(organiser):
    workshop = WorkshopFactory(state=WorkshopState.RECRUITING)
    stale = _copy(workshop)
    Workshop.objects.filter(pk=workshop.pk).update(state=WorkshopState.IN_SESSION)

    service.update_workshop(workshop=stale, by=organiser, title="New title")

    workshop.refresh_from_db()
    assert (workshop.title, workshop.state) == ("New title", WorkshopState.IN_SESSION)


def _post(workshop, **extra):
    data = {
        "title": workshop.title,
        "area": workshop.area_id,
        "purpose": workshop.purpose,
        "format": workshop.format,
        "starts_on": "2030-03-02",
        "ends_on": "2030-03-30",
        "time_zone": workshop.time_zone,
        "capacity": str(workshop.capacity),
        "cohort_min": str(workshop.cohort_min),
        "cohort_max": str(workshop.cohort_max),
        "require_exchange": "on",
        "version": "1",
    }
    return {**data, **extra}


def test_stale_workshop_form_post_shows_both_versions_and_keeps_typed_values(client, organiser):
    workshop = WorkshopFactory(title="Old title")
    data = _post(workshop)
    service.update_workshop(workshop=_copy(workshop), by=organiser, title="A's title")
    client.force_login(organiser)

    response = client.post(
        reverse("workshops:edit", args=[workshop.slug]), {**data, "title": "B's title"}
    )

    workshop.refresh_from_db()
    assert (response.status_code, workshop.title, workshop.version) == (200, "A's title", 2)
    assert [(d.label, d.theirs, d.yours) for d in response.context["stale"]["differences"]] == [
        ("Title", "A's title", "B's title")
    ]
    form = response.context["form"]
    assert (form["title"].value(), form["version"].value()) == ("B's title", "2")
    assert "Someone else saved this workshop while you were editing" in response.content.decode()


def test_stale_workshop_api_patch_with_if_match_answers_409(client, organiser):
    workshop = WorkshopFactory(title="Old title", capacity=40)
    client.force_login(organiser)
    url = f"/api/v1/workshops/{workshop.slug}"
    etag = client.get(url).headers["ETag"]
    first = client.patch(
        url, {"title": "A's title"}, content_type="application/json", headers={"If-Match": etag}
    )

    second = client.patch(
        url, {"capacity": 60}, content_type="application/json", headers={"If-Match": etag}
    )

    workshop.refresh_from_db()
    assert (etag, first.status_code, first.headers["ETag"], first.json()["version"]) == (
        'W/"1"',
        200,
        'W/"2"',
        2,
    )
    assert (second.status_code, second.json()["current_version"]) == (409, 2)
    assert (workshop.title, workshop.capacity) == ("A's title", 40)


# --- insights ---------------------------------------------------------------------------------


def test_second_stale_insight_save_is_refused_and_writes_nothing(organiser):
    insight = InsightFactory(title="Old title", tags=["land trust"])
    first = Insight.objects.get(pk=insight.pk)
    second = Insight.objects.get(pk=insight.pk)

    service_insights.update_insight(
        insight=first, by=organiser, title="A's title", expected_version=1
    )
    with pytest.raises(StaleEdit):
        service_insights.update_insight(
            insight=second, by=organiser, tags=["housing"], expected_version=1
        )

    insight.refresh_from_db()
    assert (insight.title, insight.tags, insight.version) == ("A's title", ["land trust"], 2)


def test_stale_insight_form_post_shows_both_versions_and_keeps_typed_values(client, organiser):
    insight = InsightFactory(title="Old title", workshop=None, criteria_codes=["pm-1"])
    service_insights.update_insight(
        insight=Insight.objects.get(pk=insight.pk),
        by=organiser,
        steps=["Map public land", "Set up the trust", "Sell bonds"],
    )
    client.force_login(organiser)

    response = client.post(
        reverse("workshops:insight_edit", args=[insight.slug]),
        {
            "title": "B's title",
            "area": insight.area_id,
            "challenge": insight.challenge,
            "steps": "Map public land\nSet up the trust",
            "cost_band": insight.cost_band,
            "effort": insight.effort,
            "metrics": "Units kept affordable",
            "criteria_codes": "pm-1",
            "tags": "land trust",
            "audience": insight.audience,
            "version": "1",
        },
    )

    insight.refresh_from_db()
    assert (response.status_code, insight.title, insight.version) == (200, "Old title", 2)
    assert [(d.label, d.theirs, d.yours) for d in response.context["stale"]["differences"]] == [
        ("Title", "Old title", "B's title"),
        (
            "Recommended actions",
            "Map public land, Set up the trust, Sell bonds",
            "Map public land, Set up the trust",
        ),
    ]
    assert response.context["form"]["title"].value() == "B's title"
