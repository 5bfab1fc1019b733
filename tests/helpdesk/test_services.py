"""The help desk's services: who may do what, validation messages, status history, notices."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from citypeers.helpdesk import selectors, services
from citypeers.helpdesk.enums import RequestStatus, RequestVisibility, TriageDecision
from citypeers.helpdesk.models import HelpRequest
from citypeers.notifications.models import Notification
from tests.factories.helpdesk import AnswerFactory

pytestmark = pytest.mark.integration


def _open(desk, **overrides):
    fields = {
        "jurisdiction": desk.asking_city,
        "actor": desk.asker,
        "title": "How do we start composting?",
        "question": "Kitchen scraps fill our landfill.",
        "area": desk.area,
    }
    return services.open_request(**{**fields, **overrides})


def _accepted(desk):
    help_request = _open(desk)
    services.triage_request(
        help_request=help_request, actor=desk.organiser, decision=TriageDecision.ACCEPT
    )
    services.invite_people(
        help_request=help_request,
        invitees=[
            services.Invitee(user=desk.peer_editor, kind="city", jurisdiction=desk.peer_city)
        ],
        actor=desk.organiser,
    )
    help_request = selectors.help_request_for_user(desk.peer_editor, help_request.pk)
    answer = services.answer_request(
        help_request=help_request, actor=desk.peer_editor, body="Pilot."
    )
    return help_request, answer


def test_a_member_opens_a_request_that_awaits_triage(desk):
    help_request = _open(desk)

    assert (help_request.status, help_request.asked_by, help_request.jurisdiction) == (
        RequestStatus.NEW,
        desk.asker,
        desk.asking_city,
    )
    assert help_request.history.get().history_change_reason == "Asked"


def test_someone_from_another_city_cannot_ask_for_it(desk):
    with pytest.raises(PermissionDenied):
        _open(desk, actor=desk.peer_editor)


def test_a_title_with_a_line_break_is_refused_with_a_clear_message(desk):
    with pytest.raises(ValidationError) as error:
        _open(desk, title="Line one\nBcc: someone")

    assert error.value.message_dict == {
        "title": ["Use one line of plain text: no line breaks, tabs or control characters."]
    }


def test_an_empty_question_is_refused(desk):
    with pytest.raises(ValidationError) as error:
        _open(desk, question="   ")

    assert error.value.message_dict == {"question": ["Say what you would like help with."]}


def test_only_organisers_triage(desk):
    help_request = _open(desk)

    with pytest.raises(PermissionDenied):
        services.triage_request(
            help_request=help_request, actor=desk.asking_editor, decision=TriageDecision.ACCEPT
        )


def test_closing_needs_a_reason_and_tells_the_asker(desk):
    help_request = _open(desk)
    with pytest.raises(ValidationError) as error:
        services.triage_request(
            help_request=help_request, actor=desk.organiser, decision=TriageDecision.CLOSE
        )
    assert error.value.message_dict == {"reason": ["Say why the request is closed."]}

    services.triage_request(
        help_request=help_request,
        actor=desk.organiser,
        decision=TriageDecision.CLOSE,
        reason="Answered by the composting guide",
    )

    help_request.refresh_from_db()
    assert (help_request.status, help_request.status_reason) == (
        RequestStatus.CLOSED,
        "Answered by the composting guide",
    )
    notice = Notification.objects.get(user=desk.asker)
    assert notice.body == "Your help request was closed: Answered by the composting guide"


def test_merging_points_at_the_duplicate(desk):
    original = _open(desk, title="Composting first steps")
    duplicate = _open(desk)

    services.triage_request(
        help_request=duplicate,
        actor=desk.organiser,
        decision=TriageDecision.MERGE,
        duplicate=original,
    )

    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into) == (RequestStatus.MERGED, original)


def test_a_request_cannot_be_merged_into_itself(desk):
    help_request = _open(desk)

    with pytest.raises(ValidationError) as error:
        services.triage_request(
            help_request=help_request,
            actor=desk.organiser,
            decision=TriageDecision.MERGE,
            duplicate=help_request,
        )

    assert error.value.message_dict == {
        "duplicate": ["Merge into another request that is still open."]
    }


def test_routing_before_triage_is_refused(desk):
    help_request = _open(desk)

    with pytest.raises(ValidationError) as error:
        services.invite_people(
            help_request=help_request,
            invitees=[services.Invitee(user=desk.expert, kind="expert")],
            actor=desk.organiser,
        )

    assert error.value.message_dict == {
        "invitees": ["Accept the request before inviting people to answer it."]
    }


def test_nobody_is_invited_twice(desk):
    help_request, _answer = _accepted(desk)

    created = services.invite_people(
        help_request=help_request,
        invitees=[services.Invitee(user=desk.peer_editor, kind="city")],
        actor=desk.organiser,
    )

    assert (created, help_request.invitations.count()) == ([], 1)


def test_the_first_answer_sets_the_time_to_first_answer(desk):
    help_request, answer = _accepted(desk)

    help_request.refresh_from_db()
    assert (help_request.status, help_request.first_answer_at, answer.jurisdiction) == (
        RequestStatus.ANSWERED,
        answer.created_at,
        desk.peer_city,
    )


def test_an_organisers_only_request_is_hidden_from_uninvited_network_members(desk):
    help_request = _open(desk, visibility=RequestVisibility.ORGANISERS)

    assert list(selectors.requests_visible_to(desk.bystander)) == []
    assert list(selectors.requests_visible_to(desk.organiser)) == [help_request]


def test_a_network_member_answers_a_network_request_without_an_invitation(desk):
    help_request = _open(desk)
    services.triage_request(
        help_request=help_request, actor=desk.organiser, decision=TriageDecision.ACCEPT
    )

    answer = services.answer_request(
        help_request=selectors.help_request_for_user(desk.bystander, help_request.pk),
        actor=desk.bystander,
        body="We tried it.",
    )

    assert answer.author == desk.bystander


def test_the_askers_colleagues_do_not_answer_their_own_request(desk):
    help_request = _open(desk)
    services.triage_request(
        help_request=help_request, actor=desk.organiser, decision=TriageDecision.ACCEPT
    )

    with pytest.raises(PermissionDenied):
        services.answer_request(help_request=help_request, actor=desk.asking_editor, body="Hi")


def test_accepting_another_answer_replaces_the_first(desk):
    help_request, first = _accepted(desk)
    second = AnswerFactory(request=help_request, author=desk.expert)

    services.accept_answer(answer=first, actor=desk.asker)
    services.accept_answer(
        answer=HelpRequest.objects.get(pk=help_request.pk).answers.get(pk=second.pk),
        actor=desk.asker,
    )

    assert list(help_request.answers.filter(is_accepted=True)) == [second]


def test_only_the_asker_side_accepts(desk):
    _help_request, answer = _accepted(desk)

    with pytest.raises(PermissionDenied):
        services.accept_answer(answer=answer, actor=desk.organiser)


def test_publishing_needs_consent(desk):
    _help_request, answer = _accepted(desk)
    services.accept_answer(answer=answer, actor=desk.asker)

    with pytest.raises(ValidationError) as error:
        services.publish_request(
            help_request=HelpRequest.objects.get(pk=answer.request_id),
            actor=desk.asker,
            consent=False,
        )

    assert list(error.value.message_dict) == ["consent"]


def test_an_unresolved_request_cannot_be_published(desk):
    help_request, _answer = _accepted(desk)

    with pytest.raises(PermissionDenied):
        services.publish_request(help_request=help_request, actor=desk.asker, consent=True)


def test_a_published_qa_is_listed_on_the_profiles_of_the_cities_involved(client, desk):
    _help_request, answer = _accepted(desk)
    services.accept_answer(answer=answer, actor=desk.asker)
    services.publish_request(
        help_request=HelpRequest.objects.get(pk=answer.request_id),
        actor=desk.asker,
        consent=True,
        linked_solutions=[desk.solution],
    )

    assert [e.pk for e in selectors.qa_for_city(desk.peer_city)] == [answer.request_id]
    assert selectors.qa_for_city(desk.replicating_city) == []
    page = client.get(desk.peer_city.get_absolute_url())
    assert page.content.decode().count("How do we start composting?") == 1
