"""Every list (page and API) costs the same number of queries for 1 item as for 3."""

import pytest
from django.urls import reverse

from citypeers.helpdesk.enums import InviteeKind, RequestStatus
from tests.factories.accounts import UserFactory
from tests.factories.helpdesk import (
    AnswerFactory,
    HelpRequestFactory,
    InvitationFactory,
    NotificationFactory,
)

pytestmark = pytest.mark.integration


def _requests(desk, n):
    made = []
    for i in range(n):
        status = [RequestStatus.NEW, RequestStatus.ANSWERED, RequestStatus.PUBLISHED][i % 3]
        help_request = HelpRequestFactory(
            jurisdiction=desk.asking_city, asked_by=desk.asker, area=desk.area, status=status
        )
        AnswerFactory(request=help_request, author=desk.peer_editor, is_accepted=True)
        InvitationFactory(request=help_request, user=UserFactory())
        help_request.involved_cities.set([desk.asking_city, desk.peer_city])
        made.append(help_request)
    return made


def _published(desk, n):
    made = _requests(desk, n)
    for help_request in made:
        help_request.status = RequestStatus.PUBLISHED
        help_request.save(update_fields=["status"])
    return made


def _one_request_with_rows(desk, n):
    help_request = HelpRequestFactory(
        jurisdiction=desk.asking_city,
        asked_by=desk.asker,
        area=desk.area,
        status=RequestStatus.ANSWERED,
    )
    help_request.linked_solutions.set([desk.solution])
    for _ in range(n):
        person = UserFactory(expertise="composting")
        InvitationFactory(
            request=help_request, user=person, kind=InviteeKind.CITY, jurisdiction=desk.peer_city
        )
        AnswerFactory(request=help_request, author=person, jurisdiction=desk.peer_city)
    return [help_request]


def _notifications(desk, n):
    return [NotificationFactory(user=desk.asker) for _ in range(n)]


def _first(made):
    return made[0].pk


# (name, maker, who, url builder, expected queries)
CASES = [
    ("helpdesk:index", _requests, "asker", lambda m: reverse("helpdesk:index"), 5),
    (
        "helpdesk:queue",
        _requests,
        "organiser",
        lambda m: reverse("helpdesk:queue") + "?status=all",
        5,  # the area filter's choices are one query
    ),
    ("helpdesk:qa-index", _published, None, lambda m: reverse("helpdesk:qa-index"), 2),
    (
        "helpdesk:request",
        _one_request_with_rows,
        "organiser",
        lambda m: reverse("helpdesk:request", kwargs={"pk": _first(m)}),
        18,
    ),
    ("api:help_request_list", _requests, "asker", lambda m: reverse("api:help_request_list"), 5),
    (
        "api:help_request_queue",
        _requests,
        "organiser",
        lambda m: reverse("api:help_request_queue") + "?status=all",
        4,
    ),
    (
        "api:help_request_detail",
        _one_request_with_rows,
        "organiser",
        lambda m: reverse("api:help_request_detail", kwargs={"request_id": _first(m)}),
        6,
    ),
    (
        "api:help_request_suggestions",
        _one_request_with_rows,
        "organiser",
        lambda m: reverse("api:help_request_suggestions", kwargs={"request_id": _first(m)}),
        15,
    ),
    ("notifications:list", _notifications, "asker", lambda m: reverse("notifications:list"), 5),
    (
        "api:notification_list",
        _notifications,
        "asker",
        lambda m: reverse("api:notification_list"),
        4,
    ),
]


@pytest.mark.parametrize(
    ("name", "maker", "who", "url", "expected"), CASES, ids=[c[0] for c in CASES]
)
@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_is_constant(
    client, desk, django_assert_num_queries, name, maker, who, url, expected, count
):
    made = maker(desk, count)
    if who is not None:
        client.force_login(getattr(desk, who))
    target = url(made)
    client.get(target)  # warm the session

    with django_assert_num_queries(expected):
        response = client.get(target)

    assert response.status_code == 200
