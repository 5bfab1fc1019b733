"""Two organisers edit one webinar from the same version: the second save is refused, so no
change is lost; they see the other edit and can save again knowingly."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from citypeers.core.services import StaleEdit
from citypeers.workshops.models import Webinar
from citypeers.workshops.services import webinars as service
from tests.factories.accounts import UserFactory
from tests.factories.workshops import WebinarFactory

pytestmark = pytest.mark.django_db
TRIALS = 10


@pytest.fixture
def organiser(db):
    return UserFactory(is_network_organiser=True)


def _copy(webinar):
    return Webinar.objects.get(pk=webinar.pk)


def test_second_stale_webinar_save_is_refused_and_writes_nothing(organiser):
    webinar = WebinarFactory(title="Old title", capacity=40)
    first, second = _copy(webinar), _copy(webinar)

    service.update_webinar(webinar=first, by=organiser, title="A's title", expected_version=1)
    with pytest.raises(StaleEdit) as refused:
        service.update_webinar(webinar=second, by=organiser, capacity=60, expected_version=1)

    webinar.refresh_from_db()
    assert (webinar.title, webinar.capacity, webinar.version) == ("A's title", 40, 2)
    assert refused.value.current_version == 2


def test_two_concurrent_edits_lose_no_update(organiser):
    """Each trial: both read one version; A saves; B is refused, reads again and saves."""
    lost = 0
    for trial in range(TRIALS):
        webinar = WebinarFactory(title="Old", capacity=40)
        a_copy, b_copy = _copy(webinar), _copy(webinar)
        read = a_copy.version
        service.update_webinar(
            webinar=a_copy, by=organiser, title=f"A {trial}", expected_version=read
        )
        try:
            service.update_webinar(
                webinar=b_copy, by=organiser, capacity=60 + trial, expected_version=read
            )
        except StaleEdit as stale:
            fresh = stale.current
            service.update_webinar(
                webinar=fresh,
                by=organiser,
                capacity=60 + trial,
                expected_version=fresh.version,
            )
        webinar.refresh_from_db()
        lost += (webinar.title, webinar.capacity) != (f"A {trial}", 60 + trial)

    assert lost == 0


def test_an_edit_without_a_version_does_not_undo_another_field(organiser):
    webinar = WebinarFactory(title="Old title", capacity=40)
    stale = _copy(webinar)
    service.update_webinar(webinar=_copy(webinar), by=organiser, capacity=60)

    service.update_webinar(webinar=stale, by=organiser, title="New title")

    webinar.refresh_from_db()
    assert (webinar.title, webinar.capacity, webinar.version) == ("New title", 60, 3)


def test_stale_webinar_api_patch_with_if_match_answers_409(client, organiser):
    webinar = WebinarFactory(title="Old title", capacity=40)
    client.force_login(organiser)
    url = f"/api/v1/webinars/{webinar.slug}"
    etag = client.get(url).headers["ETag"]
    first = client.patch(
        url, {"title": "A's title"}, content_type="application/json", headers={"If-Match": etag}
    )

    second = client.patch(
        url, {"capacity": 60}, content_type="application/json", headers={"If-Match": etag}
    )

    webinar.refresh_from_db()
    assert (etag, first.status_code, first.headers["ETag"], first.json()["version"]) == (
        'W/"1"',
        200,
        'W/"2"',
        2,
    )
    assert (second.status_code, second.json()["current_version"]) == (409, 2)
    assert (webinar.title, webinar.capacity) == ("A's title", 40)


def test_stale_webinar_form_post_shows_both_versions_and_keeps_typed_values(client, organiser):
    starts = datetime(2030, 4, 2, 18, 0, tzinfo=UTC)
    webinar = WebinarFactory(
        title="Old title",
        time_zone="America/Chicago",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
    )
    service.update_webinar(webinar=_copy(webinar), by=organiser, title="A's title")
    client.force_login(organiser)

    response = client.post(
        reverse("workshops:webinar_edit", args=[webinar.slug]),
        {
            "title": "B's title",
            "description": webinar.description,
            "time_zone": "America/Chicago",
            "starts_at": "2030-04-02T13:00",
            "ends_at": "2030-04-02T14:00",
            "capacity": str(webinar.capacity),
            "video_url": webinar.video_url,
            "version": "1",
        },
    )

    webinar.refresh_from_db()
    assert (response.status_code, webinar.title, webinar.version) == (200, "A's title", 2)
    assert [(d.label, d.theirs, d.yours) for d in response.context["stale"]["differences"]] == [
        ("Title", "A's title", "B's title")
    ]
    form = response.context["form"]
    assert (form["title"].value(), form["version"].value()) == ("B's title", "2")
