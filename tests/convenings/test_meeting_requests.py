"""Asking a named delegate of another city for a 1:1 meeting: the slot chosen or the first free
one, one meeting a person a slot, tables, no duplicates, the person asked told and the only one
to accept; pending requests survive a new proposal of meetings."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from citypeers.convenings.enums import MeetingStatus
from citypeers.convenings.models import Meeting, NetworkingPlan
from citypeers.convenings.services import networking as service
from citypeers.notifications.models import Notification
from tests.factories.accounts import UserFactory
from tests.factories.convenings import ConveningFactory, DelegateFactory, DelegationFactory
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration


def _seat(convening, *, delegation=None, name=None):
    delegation = delegation or DelegationFactory(convening=convening)
    extra = {"full_name": name} if name else {}
    return DelegateFactory(delegation=delegation, user=UserFactory(), **extra)


@pytest.fixture
def convening(db):
    convening = ConveningFactory(title="Peer convening")
    NetworkingPlan.objects.create(convening=convening, slots=3, tables=2)
    return convening


def _refusal(call) -> dict:
    with pytest.raises(ValidationError) as refused:
        call()
    error = refused.value
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


def test_a_request_takes_the_first_slot_both_are_free(convening):
    asker, asked, third = _seat(convening), _seat(convening), _seat(convening)
    Meeting.objects.create(
        convening=convening, delegate_a=asked, delegate_b=third, slot=1, table=1, reason="x"
    )

    meeting = service.request_meeting(actor=asker.user, seat=asker, other=asked, note=" Heat ")

    assert (meeting.slot, meeting.table, meeting.status, meeting.requested_by_id) == (
        2,
        1,
        MeetingStatus.PROPOSED,
        asker.pk,
    )
    assert meeting.reason == f"{asker.full_name} asked for this meeting: Heat"


def test_a_request_in_a_busy_slot_says_who_is_busy(convening):
    asker, asked, third = _seat(convening), _seat(convening), _seat(convening, name="Tia Busy")
    Meeting.objects.create(
        convening=convening, delegate_a=asked, delegate_b=third, slot=2, table=1, reason="x"
    )

    mine = _refusal(
        lambda: service.request_meeting(actor=third.user, seat=third, other=asker, slot=2)
    )
    theirs = _refusal(
        lambda: service.request_meeting(actor=asker.user, seat=asker, other=third, slot=2)
    )

    assert mine == {"slot": ["You already have a meeting in slot 2."]}
    assert theirs == {"slot": ["Tia Busy already has a meeting in slot 2."]}


def test_a_slot_with_every_table_taken_is_refused(convening):
    seats = [_seat(convening) for _ in range(6)]
    for table, (a, b) in enumerate([(seats[0], seats[1]), (seats[2], seats[3])], start=1):
        Meeting.objects.create(
            convening=convening, delegate_a=a, delegate_b=b, slot=1, table=table, reason="x"
        )

    refused = _refusal(
        lambda: service.request_meeting(actor=seats[4].user, seat=seats[4], other=seats[5], slot=1)
    )
    elsewhere = service.request_meeting(actor=seats[4].user, seat=seats[4], other=seats[5])

    assert refused == {"slot": ["Every table is taken in slot 1."]}
    assert (elsewhere.slot, elsewhere.table) == (2, 1)


def test_no_slot_free_for_both_is_refused(convening):
    asker, asked = _seat(convening), _seat(convening)
    for slot in (1, 2, 3):
        Meeting.objects.create(
            convening=convening,
            delegate_a=asker,
            delegate_b=_seat(convening),
            slot=slot,
            table=1,
            reason="x",
        )

    refused = _refusal(lambda: service.request_meeting(actor=asker.user, seat=asker, other=asked))

    assert refused == {"slot": ["No slot has both of you free and a table free."]}


def test_a_colleague_a_second_request_and_a_slot_outside_the_plan_are_refused(convening):
    asker, asked = _seat(convening), _seat(convening, name="Ola Asked")
    colleague = _seat(convening, delegation=asker.delegation)
    service.request_meeting(actor=asker.user, seat=asker, other=asked)

    assert _refusal(
        lambda: service.request_meeting(actor=asker.user, seat=asker, other=colleague)
    ) == {"delegate": ["Meet someone from another city."]}
    assert _refusal(lambda: service.request_meeting(actor=asked.user, seat=asked, other=asker)) == {
        "delegate": [f"You already have a meeting with {asker.full_name}."]
    }
    assert _refusal(
        lambda: service.request_meeting(
            actor=asker.user, seat=asker, other=_seat(convening), slot=4
        )
    ) == {"slot": ["Choose a slot from 1 to 3."]}


def test_only_the_delegate_asks_for_themselves(convening):
    asker, asked = _seat(convening), _seat(convening)
    with pytest.raises(PermissionDenied):
        service.request_meeting(actor=UserFactory(), seat=asker, other=asked)


def test_the_person_asked_is_told_and_accepts_the_asker_only_withdraws(
    convening, mailoutbox, django_capture_on_commit_callbacks
):
    city = JurisdictionFactory(name="Riverton")
    asker = _seat(convening, delegation=DelegationFactory(convening=convening, jurisdiction=city))
    asked = _seat(convening)

    with django_capture_on_commit_callbacks(execute=True):
        meeting = service.request_meeting(actor=asker.user, seat=asker, other=asked)
    own_accept = _refusal(
        lambda: service.respond_to_meeting(actor=asker.user, meeting=meeting, accept=True)
    )
    service.respond_to_meeting(actor=asked.user, meeting=meeting, accept=True)

    notice = Notification.objects.get(kind="convenings.meeting_requested")
    assert (notice.user_id, notice.title) == (
        asked.user_id,
        f"{asker.full_name} (Riverton) asks you for a 1:1 meeting at Peer convening "
        "(slot 1, table 1)",
    )
    assert [m.to for m in mailoutbox] == [[asked.user.email]]
    assert own_accept == {
        "__all__": [
            f"{asked.full_name} has not answered your request yet; you can withdraw it by "
            "declining."
        ]
    }
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.ACCEPTED


def test_a_declined_meeting_accepted_again_must_still_fit(convening):
    asker, asked, third = _seat(convening), _seat(convening), _seat(convening)
    meeting = service.request_meeting(actor=asker.user, seat=asker, other=asked, slot=1)
    service.respond_to_meeting(actor=asked.user, meeting=meeting, accept=False)
    service.request_meeting(actor=third.user, seat=third, other=asked, slot=1)

    refused = _refusal(
        lambda: service.respond_to_meeting(actor=asked.user, meeting=meeting, accept=True)
    )

    assert refused == {"__all__": ["Slot 1 is no longer free for this meeting; ask for a new one."]}


def test_proposing_meetings_keeps_pending_requests(convening):
    organiser = UserFactory(is_network_organiser=True)
    asker, asked = _seat(convening), _seat(convening)
    meeting = service.request_meeting(actor=asker.user, seat=asker, other=asked, slot=2)

    service.propose_meetings(actor=organiser, convening=convening, slots=3, tables=2)

    assert list(Meeting.objects.filter(convening=convening).values_list("pk", flat=True)) == [
        meeting.pk
    ]


def test_the_page_requests_a_meeting_and_shows_refusals(client, convening):
    asker, asked = _seat(convening), _seat(convening, name="Ola Asked")
    client.force_login(asker.user)
    url = reverse("convenings:networking_request", kwargs={"slug": convening.slug})

    done = client.post(url, {"delegate": asked.pk, "slot": "", "note": "Heat"})
    again = client.post(url, {"delegate": asked.pk, "slot": "2"})
    page = client.get(reverse("convenings:networking", kwargs={"slug": convening.slug}))

    assert done.status_code == 302
    assert again.status_code == 400
    assert again.context["request_form"].errors == {
        "delegate": ["You already have a meeting with Ola Asked."]
    }
    html = page.content.decode()
    assert html.count("You asked for this meeting") == 1
    assert html.count("Withdraw my request") == 1


def test_the_api_requests_a_meeting(client, convening):
    asker, asked = _seat(convening), _seat(convening)
    client.force_login(asker.user)
    url = reverse("api:networking_request", kwargs={"slug": convening.slug})

    created = client.post(url, {"delegate": asked.pk, "slot": 3}, content_type="application/json")
    refused = client.post(url, {"delegate": asked.pk}, content_type="application/json")

    meeting = Meeting.objects.get(convening=convening)
    assert created.status_code == 201
    assert created.json() == {
        "id": meeting.pk,
        "slot": 3,
        "table": 1,
        "a": {
            "delegate": asker.pk,
            "name": asker.full_name,
            "city": asker.delegation.jurisdiction.name,
        },
        "b": {
            "delegate": asked.pk,
            "name": asked.full_name,
            "city": asked.delegation.jurisdiction.name,
        },
        "interest": 0,
        "reason": f"{asker.full_name} asked for this meeting",
        "status": "proposed",
        "requested_by": asker.pk,
    }
    assert refused.status_code == 400


def test_the_asker_accepting_their_own_request_is_refused_on_the_page_and_in_the_api(
    client, convening
):
    asker, asked = _seat(convening), _seat(convening, name="Ola Asked")
    meeting = service.request_meeting(actor=asker.user, seat=asker, other=asked)
    client.force_login(asker.user)
    kwargs = {"slug": convening.slug, "pk": meeting.pk}

    page = client.post(
        reverse("convenings:networking_respond", kwargs=kwargs), {"answer": "accept"}, follow=True
    )
    api = client.post(
        reverse("api:networking_respond", kwargs=kwargs),
        {"answer": "accept"},
        content_type="application/json",
    )

    assert [str(m) for m in page.context["messages"]] == [
        "Ola Asked has not answered your request yet; you can withdraw it by declining."
    ]
    assert api.status_code == 400
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.PROPOSED


def _people_setting(count):
    convening = ConveningFactory(slug="people")
    asker = _seat(convening)
    for _ in range(count):
        _seat(convening)
    _seat(convening, delegation=asker.delegation)  # a colleague: not listed
    return asker, convening


@pytest.mark.parametrize("count", [1, 3])
def test_the_people_one_may_ask_cost_a_constant_number_of_queries(
    client, db, django_assert_num_queries, count
):
    asker, convening = _people_setting(count)
    client.force_login(asker.user)
    url = reverse("api:networking_people", kwargs={"slug": convening.slug})
    client.get(url)  # warm caches (session, site settings)

    with django_assert_num_queries(7):
        response = client.get(url)

    assert response.json()["count"] == count


def test_the_people_list_names_each_delegate_of_another_city(client, convening):
    asker = _seat(convening)
    other = _seat(convening, name="Ola Asked")
    client.force_login(asker.user)

    body = client.get(reverse("api:networking_people", kwargs={"slug": convening.slug})).json()

    assert body["results"] == [
        {"delegate": other.pk, "name": "Ola Asked", "city": other.delegation.jurisdiction.name}
    ]
