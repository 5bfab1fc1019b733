"""Drag and drop on the organiser's timetable: the grid names each drop target's room and slot,
the script is served from the app's static files with the page's CSP nonce, and a drop posts the
placement form's fields (marked as a script request) to the same view and service, which
answers in JSON: placed, or each refusal in words."""

import re

import pytest
from django.urls import reverse

from citypeers.convenings.enums import ProposalStatus
from citypeers.convenings.models import Placement
from tests.factories.accounts import UserFactory
from tests.factories.convenings import (
    ConveningFactory,
    DelegateFactory,
    DelegationFactory,
    PlacementFactory,
    RoomFactory,
    SessionProposalFactory,
    TimeSlotFactory,
    TimetableFactory,
)

pytestmark = pytest.mark.integration

SCRIPT = "convenings/timetable-placement.js"


@pytest.fixture
def convening(db):
    return ConveningFactory(slug="nola", title="Peer convening", time_zone="America/Chicago")


@pytest.fixture
def organiser(db):
    return UserFactory(is_network_organiser=True)


def _session(convening, title):
    return SessionProposalFactory(convening=convening, title=title, status=ProposalStatus.ACCEPTED)


def _drop(client, convening, **fields):
    return client.post(
        reverse("convenings:timetable_place", kwargs={"slug": convening.slug}),
        fields,
        headers={"HX-Request": "true"},
    )


def test_a_drop_places_the_session_and_answers_json(client, convening, organiser):
    room, slot = RoomFactory(convening=convening, name="Hall"), TimeSlotFactory(convening=convening)
    session = _session(convening, "Broadband panel")
    client.force_login(organiser)

    response = _drop(client, convening, proposal=session.pk, room=room.pk, slot=slot.pk)

    assert (response.status_code, response.json()) == (
        200,
        {"placed": "“Broadband panel” placed."},
    )
    placement = Placement.objects.get(proposal=session)
    assert (placement.room_id, placement.slot_id, placement.is_manual) == (room.pk, slot.pk, True)


def test_a_drop_on_a_taken_room_answers_the_refusal_in_words(client, convening, organiser):
    room, slot = RoomFactory(convening=convening, name="Hall"), TimeSlotFactory(convening=convening)
    PlacementFactory(proposal=_session(convening, "Already there"), room=room, slot=slot)
    newcomer = _session(convening, "Newcomer")
    client.force_login(organiser)

    response = _drop(client, convening, proposal=newcomer.pk, room=room.pk, slot=slot.pk)

    assert (response.status_code, response.json()) == (
        400,
        {"errors": ["Hall already holds “Already there” in that slot."]},
    )
    assert Placement.objects.filter(proposal=newcomer).count() == 0


def test_a_drop_by_someone_who_does_not_build_the_timetable_is_a_404(client, convening):
    room, slot = RoomFactory(convening=convening), TimeSlotFactory(convening=convening)
    session = _session(convening, "Broadband panel")
    delegate = DelegateFactory(
        delegation=DelegationFactory(convening=convening), user=UserFactory()
    )
    client.force_login(delegate.user)

    response = _drop(client, convening, proposal=session.pk, room=room.pk, slot=slot.pk)

    assert response.status_code == 404
    assert Placement.objects.filter(proposal=session).count() == 0


def test_the_organiser_grid_has_drop_targets_and_the_script_with_the_nonce(
    client, convening, organiser
):
    room, slot = RoomFactory(convening=convening, name="Hall"), TimeSlotFactory(convening=convening)
    placed = _session(convening, "Placed panel")
    PlacementFactory(proposal=placed, room=room, slot=slot)
    waiting = _session(convening, "Waiting panel")
    client.force_login(organiser)

    page = client.get(reverse("convenings:timetable", kwargs={"slug": convening.slug}))

    html = page.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", page["Content-Security-Policy"]).group(1)
    script = re.search(rf'<script nonce="([^"]+)" src="[^"]*{SCRIPT}" defer></script>', html)
    assert script.group(1) == nonce
    assert html.count(f'data-room="{room.pk}" data-slot="{slot.pk}"') == 1
    assert html.count(f'draggable="true" data-proposal="{placed.pk}"') == 1
    assert html.count(f'draggable="true" data-proposal="{waiting.pk}"') == 1
    place_url = reverse("convenings:timetable_place", kwargs={"slug": convening.slug})
    assert html.count(f'data-place-url="{place_url}"') == 1


def test_people_who_only_read_the_timetable_get_no_drag_and_drop(client, convening):
    room, slot = RoomFactory(convening=convening), TimeSlotFactory(convening=convening)
    PlacementFactory(proposal=_session(convening, "Placed panel"), room=room, slot=slot)
    TimetableFactory(convening=convening, published_at="2030-01-01T00:00:00Z")

    html = client.get(reverse("convenings:timetable", kwargs={"slug": convening.slug})).content

    assert (html.count(b"draggable"), html.count(SCRIPT.encode())) == (0, 0)
