"""The timetable: slots, the engine's proposal and its conflicts, hand placement, publication
and change notices, iCalendar feeds and the personal agenda."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from icalendar import Calendar

from citypeers.convenings.enums import ProposalStatus
from citypeers.convenings.models import Placement
from citypeers.convenings.selectors.programme import agenda_feed_token, agenda_for
from citypeers.convenings.services import proposals
from citypeers.convenings.services import timetable as service
from tests.factories.accounts import UserFactory
from tests.factories.convenings import (
    AgendaItemFactory,
    ConveningFactory,
    DelegateFactory,
    DelegationFactory,
    PlacementFactory,
    RoomFactory,
    SessionProposalFactory,
    SessionSpeakerFactory,
    TimeSlotFactory,
    TimetableFactory,
)
from tests.factories.knowledge import ChallengeAreaFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def convening(db):
    return ConveningFactory(slug="nola", title="Peer convening", time_zone="America/Chicago")


@pytest.fixture
def organiser(db):
    return UserFactory(is_network_organiser=True)


@pytest.fixture
def speaker(convening):
    user = UserFactory(email="speaker@city.gov")
    return DelegateFactory(
        delegation=DelegationFactory(convening=convening), user=user, email="speaker@city.gov"
    )


def _session(convening, title, *speakers, area=None):
    proposal = SessionProposalFactory(
        convening=convening, title=title, status=ProposalStatus.ACCEPTED, challenge_area=area
    )
    for delegate in speakers:
        SessionSpeakerFactory(proposal=proposal, delegate=delegate)
    return proposal


def test_a_slot_is_read_in_the_convening_time_zone(client, convening, organiser):
    client.force_login(organiser)

    client.post(
        reverse("convenings:slot_add", kwargs={"slug": "nola"}),
        {"day": "2030-05-10", "starts": "09:00", "ends": "10:30"},
    )

    slot = convening.slots.get()
    assert (slot.starts_at, slot.ends_at) == (
        datetime(2030, 5, 10, 14, 0, tzinfo=UTC),
        datetime(2030, 5, 10, 15, 30, tzinfo=UTC),
    )


def test_overlapping_slots_are_refused(convening, organiser):
    first = TimeSlotFactory(convening=convening)

    with pytest.raises(ValidationError) as error:
        service.add_slot(
            convening=convening,
            actor=organiser,
            starts_at=first.starts_at.replace(minute=30),
            ends_at=first.ends_at.replace(minute=30),
        )

    assert error.value.messages == ["This slot overlaps another slot of the programme."]


def test_the_proposal_keeps_hand_placed_sessions_and_reports_conflicts(
    convening, organiser, speaker
):
    room = RoomFactory(convening=convening, name="Hall", capacity=50)
    slot_a, slot_b = TimeSlotFactory(convening=convening), TimeSlotFactory(convening=convening)
    fixed = _session(convening, "Fixed panel")
    PlacementFactory(proposal=fixed, room=room, slot=slot_b, is_manual=True)
    _session(convening, "First talk", speaker)
    _session(convening, "Second talk", speaker)

    timetable = service.propose_timetable(convening=convening, actor=organiser, time_limit=0.05)

    placed = {p.proposal.title: (p.slot, p.is_manual) for p in Placement.objects.all()}
    assert placed["Fixed panel"] == (slot_b, True)
    assert len(placed) == 2
    unplaced = next(t for t in ("First talk", "Second talk") if t not in placed)
    assert timetable.conflicts == [
        {
            "kind": "unplaced",
            "sessions": [unplaced],
            "slot": "",
            "detail": "No slot without a speaker clash and a free room.",
        }
    ]
    assert placed[next(t for t in ("First talk", "Second talk") if t in placed)][0] == slot_a


def test_same_area_sessions_in_parallel_are_reported_on_the_page(client, convening, organiser):
    area = ChallengeAreaFactory(name="Housing")
    RoomFactory(convening=convening, name="A")
    RoomFactory(convening=convening, name="B")
    TimeSlotFactory(convening=convening, starts_at=datetime(2030, 5, 10, 14, 0, tzinfo=UTC))
    _session(convening, "Rent", area=area)
    _session(convening, "Zoning", area=area)
    client.force_login(organiser)

    client.post(reverse("convenings:timetable_propose", kwargs={"slug": "nola"}))
    html = client.get(reverse("convenings:timetable", kwargs={"slug": "nola"})).content.decode()

    assert (
        "<li><strong>same_area</strong> (Fri 10 May 09:00): Rent, Zoning. 2 on Housing.</li>"
        in html
    )


def test_hand_placement_refuses_a_taken_room(convening, organiser):
    room, slot = RoomFactory(convening=convening, name="Hall"), TimeSlotFactory(convening=convening)
    PlacementFactory(proposal=_session(convening, "Already there"), room=room, slot=slot)

    with pytest.raises(ValidationError) as error:
        service.place_session(
            proposal=_session(convening, "Newcomer"), actor=organiser, room=room, slot=slot
        )

    assert error.value.message_dict == {
        "room": ["Hall already holds “Already there” in that slot."]
    }


def test_hand_placement_refuses_a_speaker_clash(convening, organiser, speaker):
    slot = TimeSlotFactory(convening=convening)
    PlacementFactory(
        proposal=_session(convening, "Morning panel", speaker),
        room=RoomFactory(convening=convening),
        slot=slot,
    )

    with pytest.raises(ValidationError) as error:
        service.place_session(
            proposal=_session(convening, "Workshop", speaker),
            actor=organiser,
            room=RoomFactory(convening=convening),
            slot=slot,
        )

    assert error.value.message_dict == {
        "slot": ["A speaker of this session speaks in “Morning panel” at that time."]
    }


def test_hand_placement_refuses_a_session_not_accepted(convening, organiser):
    proposal = SessionProposalFactory(convening=convening)

    with pytest.raises(ValidationError) as error:
        service.place_session(
            proposal=proposal,
            actor=organiser,
            room=RoomFactory(convening=convening),
            slot=TimeSlotFactory(convening=convening),
        )

    assert error.value.messages == ["Only accepted sessions go in the timetable."]


def test_the_placement_form_shows_the_refusal(client, convening, organiser):
    room, slot = RoomFactory(convening=convening, name="Hall"), TimeSlotFactory(convening=convening)
    PlacementFactory(proposal=_session(convening, "Already there"), room=room, slot=slot)
    newcomer = _session(convening, "Newcomer")
    client.force_login(organiser)

    response = client.post(
        reverse("convenings:timetable_place", kwargs={"slug": "nola"}),
        {"proposal": newcomer.pk, "room": room.pk, "slot": slot.pk},
    )

    assert response.status_code == 400
    assert "Hall already holds “Already there” in that slot." in response.content.decode()


def test_a_change_after_publication_notifies_speakers_and_agenda_holders_once(
    convening, organiser, speaker, django_capture_on_commit_callbacks
):
    session = _session(convening, "Moving panel", speaker)
    room = RoomFactory(convening=convening, name="Hall")
    first = TimeSlotFactory(convening=convening, starts_at=datetime(2030, 5, 10, 14, tzinfo=UTC))
    second = TimeSlotFactory(convening=convening, starts_at=datetime(2030, 5, 10, 15, tzinfo=UTC))
    PlacementFactory(proposal=session, room=room, slot=first)
    AgendaItemFactory(proposal=session, user=UserFactory(email="fan@city.gov"))
    service.publish_timetable(convening=convening, actor=organiser)

    with django_capture_on_commit_callbacks(execute=True):
        service.place_session(proposal=session, actor=organiser, room=room, slot=second)

    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("Timetable change: Moving panel", ["fan@city.gov", "speaker@city.gov"])
    ]
    assert "It is now on Friday 10 May, 10:00 (America/Chicago) in Hall." in mail.outbox[0].body


def test_changes_before_publication_send_nothing(
    convening, organiser, speaker, django_capture_on_commit_callbacks
):
    session = _session(convening, "Quiet panel", speaker)
    TimetableFactory(convening=convening)

    with django_capture_on_commit_callbacks(execute=True):
        service.place_session(
            proposal=session,
            actor=organiser,
            room=RoomFactory(convening=convening),
            slot=TimeSlotFactory(convening=convening),
        )

    assert mail.outbox == []


def test_the_timetable_is_hidden_until_published(client, convening):
    url = reverse("convenings:timetable", kwargs={"slug": "nola"})

    before = client.get(url).status_code
    TimetableFactory(convening=convening, published_at=datetime(2030, 5, 1, tzinfo=UTC))
    after = client.get(url).status_code

    assert (before, after) == (404, 200)


def test_a_title_with_cr_lf_stays_one_line_in_the_ical_feed(client, convening):
    session = _session(convening, "Panel\r\nATTENDEE:mailto:x@example.org")
    PlacementFactory(
        proposal=session,
        room=RoomFactory(convening=convening),
        slot=TimeSlotFactory(convening=convening),
    )
    TimetableFactory(convening=convening, published_at=datetime(2030, 5, 1, tzinfo=UTC))

    response = client.get(reverse("convenings:timetable_ics", kwargs={"slug": "nola"}))

    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert response.status_code == 200
    assert [str(e["summary"]) for e in events] == ["Panel ATTENDEE:mailto:x@example.org"]
    assert [e.get("attendee") for e in events] == [None]


def _agenda_setting(convening, user):
    room_a, room_b = RoomFactory(convening=convening), RoomFactory(convening=convening)
    slot = TimeSlotFactory(convening=convening)
    for title, room in (("Rent", room_a), ("Zoning", room_b)):
        session = _session(convening, title)
        PlacementFactory(proposal=session, room=room, slot=slot)
        AgendaItemFactory(user=user, proposal=session)


def test_the_agenda_points_out_a_clash(convening, speaker):
    _agenda_setting(convening, speaker.user)

    entries = agenda_for(speaker.user, convening)

    assert [(e.item.proposal.title, e.clashes_with) for e in entries] == [
        ("Rent", ["Zoning"]),
        ("Zoning", ["Rent"]),
    ]


def test_a_delegate_adds_a_session_to_their_agenda(client, convening, speaker):
    session = _session(convening, "Rent")
    PlacementFactory(
        proposal=session,
        room=RoomFactory(convening=convening),
        slot=TimeSlotFactory(convening=convening),
    )
    client.force_login(speaker.user)

    client.post(reverse("convenings:agenda_add", kwargs={"slug": "nola", "pk": session.pk}))

    assert [e.item.proposal for e in agenda_for(speaker.user, convening)] == [session]


def test_the_signed_agenda_feed_needs_no_cookie(client, convening, speaker):
    _agenda_setting(convening, speaker.user)
    token = agenda_feed_token(speaker.user, convening)

    response = client.get(reverse("convenings:agenda_ics", kwargs={"slug": "nola", "token": token}))

    summaries = sorted(
        str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")
    )
    assert (response.status_code, summaries) == (200, ["Rent", "Zoning"])


def test_the_agenda_feed_refuses_a_tampered_token(client, convening, speaker):
    token = agenda_feed_token(speaker.user, convening)
    payload, signature = token.rsplit(":", 1)
    tampered = f"{payload}:{signature[::-1]}"

    response = client.get(
        reverse("convenings:agenda_ics", kwargs={"slug": "nola", "token": tampered})
    )

    assert response.status_code == 404


def test_the_agenda_feed_refuses_a_token_for_another_convening(client, convening, speaker):
    other = ConveningFactory(slug="miami")
    token = agenda_feed_token(speaker.user, other)

    response = client.get(reverse("convenings:agenda_ics", kwargs={"slug": "nola", "token": token}))

    assert response.status_code == 404


def test_the_timetable_pdf_is_a_pdf(client, convening, organiser):
    client.force_login(organiser)

    response = client.get(reverse("convenings:timetable_pdf", kwargs={"slug": "nola"}))

    assert (response.status_code, response.content[:5]) == (200, b"%PDF-")


def test_api_places_a_session_and_shows_it(client, convening, organiser):
    session = _session(convening, "Rent")
    room = RoomFactory(convening=convening, name="Hall")
    slot = TimeSlotFactory(convening=convening)
    client.force_login(organiser)

    placed = client.put(
        f"/api/v1/convenings/nola/timetable/placements/{session.pk}",
        {"room": "Hall", "slot": slot.pk},
        content_type="application/json",
    )
    timetable = client.get("/api/v1/convenings/nola/timetable").json()

    assert (placed.status_code, placed.json()["room"], placed.json()["is_manual"]) == (
        200,
        room.name,
        True,
    )
    assert [(p["title"], p["room"]) for p in timetable["placements"]] == [("Rent", "Hall")]


def test_declining_a_published_session_tells_its_audience_it_left_the_timetable(
    convening, organiser, speaker, django_capture_on_commit_callbacks
):
    session = _session(convening, "Withdrawn panel", speaker)
    PlacementFactory(
        proposal=session,
        room=RoomFactory(convening=convening),
        slot=TimeSlotFactory(convening=convening),
    )
    TimetableFactory(convening=convening, published_at=datetime(2030, 5, 1, tzinfo=UTC))

    with django_capture_on_commit_callbacks(execute=True):
        proposals.decide(
            proposal=session, actor=organiser, accept=False, message="Sorry", expected_version=1
        )

    notices = [m for m in mail.outbox if m.subject.startswith("Timetable change")]
    assert [(m.subject, m.to) for m in notices] == [
        ("Timetable change: Withdrawn panel", ["speaker@city.gov"])
    ]
    assert "It is no longer in the timetable." in notices[0].body


def test_api_agenda_is_paginated_and_names_clashes(client, convening, speaker):
    _agenda_setting(convening, speaker.user)
    client.force_login(speaker.user)

    response = client.get("/api/v1/convenings/nola/agenda")

    body = response.json()
    assert (body["count"], [(e["title"], e["clashes_with"]) for e in body["results"]]) == (
        2,
        [("Rent", ["Zoning"]), ("Zoning", ["Rent"])],
    )


def test_a_published_programme_makes_its_sessions_findable_with_the_convening(
    convening, organiser, speaker, django_capture_on_commit_callbacks
):
    from citypeers.search.backends import search

    convening.state = "open"
    convening.save()
    area = ChallengeAreaFactory(slug="broadband-access", name="Broadband access")
    session = _session(convening, "Digital navigators in libraries", speaker, area=area)
    PlacementFactory(
        proposal=session,
        room=RoomFactory(convening=convening),
        slot=TimeSlotFactory(convening=convening),
    )
    assert search("navigators").hits == []

    with django_capture_on_commit_callbacks(execute=True):
        service.publish_timetable(convening=convening, actor=organiser)

    hits = search("navigators").hits
    assert [(hit.kind, hit.title) for hit in hits] == [("convening", "Peer convening")]
    assert [
        h.kind for h in search("navigators", filters=_area_filter("broadband-access")).hits
    ] == ["convening"]


def _area_filter(slug):
    from citypeers.search.backends import SearchFilters

    return SearchFilters(areas=(slug,))
