"""Two editors change one city's story from the same version: the second save is refused.

The story version counts story edits only, so a Census import touching the same row does not
make an editor's form stale.
"""

import pytest
from django.urls import reverse

from citypeers.accounts.enums import MembershipRole
from citypeers.core.enums import PublicationStatus
from citypeers.core.services import StaleEdit
from citypeers.directory.models import Jurisdiction
from citypeers.profiles.services import update_story
from tests.factories.accounts import CityOrganisationFactory, MembershipFactory
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(db):
    return JurisdictionFactory(
        name="Riverton",
        slug="riverton-tx",
        summary="We are a river city.",
        future_plans="Build a levee.",
        story_status=PublicationStatus.DRAFT,
    )


@pytest.fixture
def editor(city):
    organisation = CityOrganisationFactory(jurisdiction=city)
    return MembershipFactory(organisation=organisation, role=MembershipRole.EDITOR).user


def _copy(city):
    return Jurisdiction.objects.get(pk=city.pk)


def test_second_stale_story_save_is_refused_and_writes_nothing(city, editor):
    first, second = _copy(city), _copy(city)

    update_story(jurisdiction=first, actor=editor, summary="A's summary", expected_version=1)
    with pytest.raises(StaleEdit) as refused:
        update_story(
            jurisdiction=second, actor=editor, future_plans="B's plans", expected_version=1
        )

    city.refresh_from_db()
    assert (city.summary, city.future_plans, city.story_version) == (
        "A's summary",
        "Build a levee.",
        2,
    )
    assert refused.value.messages == [
        "Someone else saved this profile story while you were editing: you started from "
        "version 1, it is now at version 2."
    ]


def test_story_version_ignores_other_writes_to_the_city(city, editor):
    Jurisdiction.objects.filter(pk=city.pk).update(population=12_345)  # as an import would

    update_story(jurisdiction=_copy(city), actor=editor, summary="New", expected_version=1)

    city.refresh_from_db()
    assert (city.summary, city.population, city.story_version) == ("New", 12_345, 2)


def test_stale_story_form_post_shows_both_versions_and_keeps_typed_values(client, city, editor):
    update_story(jurisdiction=_copy(city), actor=editor, summary="A's summary")
    client.force_login(editor)

    response = client.post(
        reverse("profiles:edit", args=[city.slug]),
        {
            "summary": "B's summary",
            "future_plans": "Build a levee.",
            "story_status": "draft",
            "version": "1",
        },
    )

    city.refresh_from_db()
    assert (response.status_code, city.summary, city.story_version) == (200, "A's summary", 2)
    assert [(d.label, d.theirs, d.yours) for d in response.context["stale"]["differences"]] == [
        ("Summary", "A's summary", "B's summary")
    ]
    form = response.context["form"]
    assert (form["summary"].value(), form["version"].value()) == ("B's summary", "2")
    assert "Someone else saved this profile story" in response.content.decode()


def test_story_api_detail_carries_etag(client, city):
    response = client.get(f"/api/v1/jurisdictions/{city.slug}")

    assert response.headers["ETag"] == 'W/"1"'


def test_stale_story_api_patch_with_if_match_answers_409(client, city, editor):
    client.force_login(editor)
    url = f"/api/v1/jurisdictions/{city.slug}"
    first = client.patch(
        url,
        {"summary": "A's summary"},
        content_type="application/json",
        headers={"If-Match": 'W/"1"'},
    )

    second = client.patch(
        url,
        {"future_plans": "B's plans"},
        content_type="application/json",
        headers={"If-Match": 'W/"1"'},
    )

    city.refresh_from_db()
    assert (first.status_code, first.headers["ETag"], first.json()["story"]["version"]) == (
        200,
        'W/"2"',
        2,
    )
    assert (second.status_code, second.json()["current_version"]) == (409, 2)
    assert (city.summary, city.future_plans) == ("A's summary", "Build a levee.")


def test_story_api_patch_without_if_match_is_still_allowed(client, city, editor):
    client.force_login(editor)
    update_story(jurisdiction=_copy(city), actor=editor, summary="A's summary")

    response = client.patch(
        f"/api/v1/jurisdictions/{city.slug}",
        {"future_plans": "B's plans"},
        content_type="application/json",
    )

    city.refresh_from_db()
    assert (response.status_code, city.summary, city.future_plans, city.story_version) == (
        200,
        "A's summary",
        "B's plans",
        3,
    )
