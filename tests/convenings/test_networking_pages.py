"""1:1 networking around the engine: prefilled preferences, proposing meetings (no double
bookings, accepted meetings kept), answering, who may do what, and constant query counts."""

from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from citypeers.convenings.enums import MeetingStatus
from citypeers.convenings.models import Meeting
from citypeers.convenings.selectors import networking as selectors
from citypeers.convenings.services import networking as service
from citypeers.core.enums import PublicationStatus
from tests.factories.accounts import UserFactory
from tests.factories.convenings import ConveningFactory, DelegateFactory, DelegationFactory
from tests.factories.knowledge import (
    ChallengeAreaFactory,
    ChallengeStatementFactory,
    SolutionFactory,
)

pytestmark = pytest.mark.integration


def _seat(convening, city=None, **kwargs):
    delegation = DelegationFactory(convening=convening, **({"jurisdiction": city} if city else {}))
    return DelegateFactory(delegation=delegation, user=UserFactory(), **kwargs)


@pytest.fixture
def organiser(db):
    return UserFactory(is_network_organiser=True)


def test_preferences_are_prefilled_from_published_statements_and_solutions(db):
    convening = ConveningFactory()
    seat = _seat(convening)
    city = seat.delegation.jurisdiction
    housing, transit, heat = (ChallengeAreaFactory(name=n) for n in ("Housing", "Transit", "Heat"))
    ChallengeStatementFactory(jurisdiction=city, area=housing)
    ChallengeStatementFactory(jurisdiction=city, area=heat, status=PublicationStatus.DRAFT)
    SolutionFactory(owner=city, challenges=[transit])
    SolutionFactory(owner=city, challenges=[heat], status=PublicationStatus.DRAFT)

    preferences = selectors.preferences_of(seat)

    assert (preferences.wants, preferences.offers, preferences.saved) == (
        [housing],
        [transit],
        False,
    )


def test_saved_preferences_replace_the_prefill(db):
    convening = ConveningFactory()
    seat = _seat(convening)
    ChallengeStatementFactory(jurisdiction=seat.delegation.jurisdiction)
    transit = ChallengeAreaFactory(name="Transit")

    service.save_preferences(actor=seat.user, seat=seat, wants=[], offers=[transit])

    preferences = selectors.preferences_of(seat)
    assert (preferences.wants, preferences.offers, preferences.saved) == ([], [transit], True)


def test_someone_else_cannot_save_a_delegates_preferences(db):
    seat = _seat(ConveningFactory())
    with pytest.raises(PermissionDenied):
        service.save_preferences(actor=UserFactory(), seat=seat, wants=[], offers=[])


def _crowd(convening, cities=6, per_city=3):
    areas = [ChallengeAreaFactory(name=f"Area {i}") for i in range(4)]
    seats = []
    for c in range(cities):
        delegation = DelegationFactory(convening=convening)
        for p in range(per_city):
            seat = DelegateFactory(delegation=delegation, user=UserFactory())
            service.save_preferences(
                actor=seat.user,
                seat=seat,
                wants=[areas[(c + p) % 4]],
                offers=[areas[(c + p + 1) % 4], areas[(c + 2) % 4]],
            )
            seats.append(seat)
    return seats


def test_proposing_stores_meetings_without_double_bookings(organiser):
    convening = ConveningFactory()
    _crowd(convening)

    new = service.propose_meetings(actor=organiser, convening=convening, slots=3, tables=4)

    meetings = list(Meeting.objects.filter(convening=convening))
    people = Counter(
        (m.slot, person) for m in meetings for person in (m.delegate_a_id, m.delegate_b_id)
    )
    tables = Counter((m.slot, m.table) for m in meetings)
    assert len(meetings) == len(new)
    assert len(meetings) > 0
    assert max(people.values()) == 1
    assert max(tables.values()) == 1
    assert max(m.table for m in meetings) <= 4
    assert all(m.delegate_a.delegation_id != m.delegate_b.delegation_id for m in meetings)
    assert all(" learns about " in m.reason for m in meetings)


def test_proposing_again_keeps_accepted_meetings_and_replaces_the_rest(organiser):
    convening = ConveningFactory()
    _crowd(convening)
    service.propose_meetings(actor=organiser, convening=convening, slots=2, tables=3)
    first = Meeting.objects.filter(convening=convening).order_by("pk").first()
    service.respond_to_meeting(actor=first.delegate_a.user, meeting=first, accept=True)

    service.propose_meetings(actor=organiser, convening=convening, slots=2, tables=3)

    meetings = list(Meeting.objects.filter(convening=convening))
    pairs = Counter(frozenset((m.delegate_a_id, m.delegate_b_id)) for m in meetings)
    people = Counter(
        (m.slot, person) for m in meetings for person in (m.delegate_a_id, m.delegate_b_id)
    )
    assert Meeting.objects.get(pk=first.pk).status == MeetingStatus.ACCEPTED
    assert max(pairs.values()) == 1
    assert max(people.values()) == 1
    assert max(Counter((m.slot, m.table) for m in meetings).values()) == 1


def test_only_organisers_propose(db):
    convening = ConveningFactory()
    seat = _seat(convening)
    with pytest.raises(PermissionDenied):
        service.propose_meetings(actor=seat.user, convening=convening, slots=1, tables=1)


def test_a_delegate_accepts_and_declines_their_meeting(db):
    convening = ConveningFactory()
    a, b = _seat(convening), _seat(convening)
    meeting = Meeting.objects.create(
        convening=convening, delegate_a=a, delegate_b=b, slot=1, table=1, reason="x"
    )

    service.respond_to_meeting(actor=b.user, meeting=meeting, accept=True)
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.ACCEPTED
    service.respond_to_meeting(actor=a.user, meeting=meeting, accept=False)
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.DECLINED


def test_someone_elses_meeting_and_a_missing_one_give_the_same_404(db):
    convening = ConveningFactory()
    a, b, outsider = _seat(convening), _seat(convening), _seat(convening)
    meeting = Meeting.objects.create(
        convening=convening, delegate_a=a, delegate_b=b, slot=1, table=1, reason="x"
    )
    with pytest.raises(Http404) as not_yours:
        selectors.meeting_for_user(outsider.user, convening, meeting.pk)
    with pytest.raises(Http404) as missing:
        selectors.meeting_for_user(outsider.user, convening, meeting.pk + 1000)
    assert str(not_yours.value) == str(missing.value)
    assert selectors.meeting_for_user(a.user, convening, meeting.pk) == meeting
    with pytest.raises(PermissionDenied):
        service.respond_to_meeting(actor=outsider.user, meeting=meeting, accept=True)


def test_a_delegate_sees_only_their_meetings_and_an_organiser_all(organiser):
    convening = ConveningFactory()
    a, b, c, d = (_seat(convening) for _ in range(4))
    mine = Meeting.objects.create(
        convening=convening, delegate_a=a, delegate_b=b, slot=1, table=1, reason="x"
    )
    other = Meeting.objects.create(
        convening=convening, delegate_a=c, delegate_b=d, slot=1, table=2, reason="y"
    )
    assert list(selectors.meetings_for(a.user, convening, everyone=True)) == [mine]
    assert list(selectors.meetings_for(organiser, convening, everyone=True)) == [mine, other]


def test_the_api_saves_preferences_and_refuses_an_unknown_area(client, db):
    convening = ConveningFactory()
    seat = _seat(convening)
    area = ChallengeAreaFactory(slug="housing", name="Housing")
    client.force_login(seat.user)
    url = reverse("api:networking_preferences_put", kwargs={"slug": convening.slug})

    saved = client.put(url, {"wants": ["housing"]}, content_type="application/json")
    refused = client.put(url, {"wants": ["nope"]}, content_type="application/json")

    assert saved.json() == {
        "delegate": seat.pk,
        "wants": [area.slug],
        "offers": [],
        "saved": True,
        "suggested": None,
    }
    assert refused.status_code == 400
    assert refused["Content-Type"].startswith("application/json")


def test_the_page_proposes_and_lists_the_schedule(client, organiser):
    convening = ConveningFactory()
    _crowd(convening, cities=3, per_city=2)
    client.force_login(organiser)
    url = reverse("convenings:networking_propose", kwargs={"slug": convening.slug})

    response = client.post(url, {"slots": 2, "tables": 2})

    assert response.status_code == 302
    page = client.get(reverse("convenings:networking", kwargs={"slug": convening.slug}))
    assert page.status_code == 200
    assert page.context["page_result"].page.paginator.count == convening.meetings.count()


def _meetings_setting(count):
    viewer = UserFactory(is_network_organiser=True)
    convening = ConveningFactory(slug="networking")
    seat = DelegateFactory(delegation=DelegationFactory(convening=convening), user=viewer)
    for i in range(count):
        partner = _seat(convening)
        Meeting.objects.create(
            convening=convening,
            delegate_a=seat,
            delegate_b=partner,
            slot=i + 1,
            table=1,
            reason="x",
        )
    return viewer, convening


CASES = [("convenings:networking", 15), ("api:networking_meetings", 4)]


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("count", [1, 3])
def test_networking_list_query_count_is_constant(
    client, db, django_assert_num_queries, name, expected, count
):
    viewer, convening = _meetings_setting(count)
    client.force_login(viewer)
    url = reverse(name, kwargs={"slug": convening.slug})
    client.get(url)  # warm caches (session, site settings)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_the_page_answers_a_meeting(client, db):
    convening = ConveningFactory()
    a, b = _seat(convening), _seat(convening)
    meeting = Meeting.objects.create(
        convening=convening, delegate_a=a, delegate_b=b, slot=1, table=1, reason="x"
    )
    client.force_login(b.user)
    url = reverse(
        "convenings:networking_respond", kwargs={"slug": convening.slug, "pk": meeting.pk}
    )

    client.post(url, {"answer": "maybe"})
    unchanged = Meeting.objects.get(pk=meeting.pk).status
    client.post(url, {"answer": "decline"})

    assert (unchanged, Meeting.objects.get(pk=meeting.pk).status) == (
        MeetingStatus.PROPOSED,
        MeetingStatus.DECLINED,
    )


def test_each_delegate_is_told_once_of_their_proposed_meetings(
    organiser, mailoutbox, django_capture_on_commit_callbacks
):
    from citypeers.notifications.models import Notification

    convening = ConveningFactory(title="Peer convening")
    _crowd(convening)

    with django_capture_on_commit_callbacks(execute=True):
        new = service.propose_meetings(actor=organiser, convening=convening, slots=3, tables=4)

    counts = Counter(
        seat.user_id for m in new for seat in (m.delegate_a, m.delegate_b) if seat.user_id
    )
    notices = Notification.objects.filter(kind="convenings.meetings_proposed")
    assert sorted(notices.values_list("user_id", flat=True)) == sorted(counts)
    sample = notices.order_by("pk").first()
    n = counts[sample.user_id]
    assert sample.title == f"{n} 1:1 meeting{'s' if n != 1 else ''} proposed at Peer convening"
    assert len(mailoutbox) == len(counts)


def test_the_other_delegate_is_told_of_an_answer(db):
    from citypeers.notifications.models import Notification

    convening = ConveningFactory()
    a, b = _seat(convening), _seat(convening)
    meeting = Meeting.objects.create(
        convening=convening, delegate_a=a, delegate_b=b, slot=2, table=3, reason="x"
    )

    service.respond_to_meeting(actor=b.user, meeting=meeting, accept=False)

    notice = Notification.objects.get(kind="convenings.meeting_answered")
    assert (notice.user_id, notice.title) == (
        a.user_id,
        f"{b.full_name} declined your 1:1 meeting (slot 2, table 3)",
    )
