"""Every programme list (page and API) costs the same number of queries for 1 item as for 3."""

import pytest
from django.urls import reverse

from citypeers.convenings.enums import ProposalStatus
from tests.factories.accounts import UserFactory
from tests.factories.convenings import (
    AgendaItemFactory,
    ConveningFactory,
    DelegateFactory,
    DelegationFactory,
    PlacementFactory,
    ProposalReviewFactory,
    ProposalVoteFactory,
    RoomFactory,
    SessionProposalFactory,
    SessionSpeakerFactory,
    TimeSlotFactory,
    TimetableFactory,
)

pytestmark = pytest.mark.integration


def _setting(count):
    """A convening with `count` of everything listed, seen by a delegate who is also an
    organiser (so every list and every organiser column is on the page)."""
    viewer = UserFactory(is_network_organiser=True)
    convening = ConveningFactory(slug="parent")
    delegate = DelegateFactory(delegation=DelegationFactory(convening=convening), user=viewer)
    TimetableFactory(convening=convening)
    room = RoomFactory(convening=convening)
    for _ in range(count):
        proposal = SessionProposalFactory(convening=convening, status=ProposalStatus.ACCEPTED)
        SessionSpeakerFactory(proposal=proposal, delegate=delegate)
        ProposalVoteFactory(proposal=proposal)
        ProposalReviewFactory(proposal=proposal)
        PlacementFactory(proposal=proposal, room=room, slot=TimeSlotFactory(convening=convening))
        AgendaItemFactory(user=viewer, proposal=proposal)
    return viewer, convening, room


CASES = [
    ("convenings:proposals", {}, 6),
    ("api:proposals_list", {}, 6),
    ("convenings:timetable", {}, 14),
    ("api:timetable_detail", {}, 7),
    ("convenings:room", {"room": True}, 6),
    ("convenings:agenda", {}, 5),
    ("api:agenda", {}, 5),
]


@pytest.mark.parametrize(("name", "extra", "expected"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("count", [1, 3])
def test_programme_list_query_count_is_constant(
    client, db, django_assert_num_queries, name, extra, expected, count
):
    viewer, convening, room = _setting(count)
    kwargs = {"slug": convening.slug}
    if extra.get("room"):
        kwargs["pk"] = room.pk
    client.force_login(viewer)
    url = reverse(name, kwargs=kwargs)
    client.get(url)  # warm caches (session, site settings)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
