"""A help request from question to the library: triage → routed → answered → accepted →
published as Q&A → found by site search. Runs on SQLite and on PostgreSQL
(`DATABASE_URL=postgres://… pytest tests/helpdesk/test_flow.py`)."""

import json

import pytest

from citypeers.helpdesk.enums import RequestStatus
from citypeers.helpdesk.models import HelpRequest
from citypeers.notifications.models import Notification

pytestmark = pytest.mark.integration
API = "/api/v1"


def _post(client, user, path, body):
    client.force_login(user)
    response = client.post(f"{API}{path}", data=json.dumps(body), content_type="application/json")
    client.logout()
    return response


def _kinds(user):
    return list(
        Notification.objects.filter(user=user).order_by("pk").values_list("kind", flat=True)
    )


def test_a_request_goes_from_question_to_a_qa_found_by_site_search(client, desk):
    created = _post(
        client,
        desk.asker,
        "/help-requests",
        {
            "jurisdiction": "brookfield-tx",
            "title": "How do we start curbside composting?",
            "question": "We want to divert kitchen scraps from the landfill.",
            "area": "food-waste",
            "urgency": "high",
            "tried": "A drop-off site at the library.",
        },
    )
    assert (created.status_code, created.json()["status"]) == (201, "new")
    request_id = created.json()["id"]

    triaged = _post(
        client, desk.organiser, f"/help-requests/{request_id}/triage", {"decision": "accept"}
    )
    assert triaged.json()["status"] == "open"

    client.force_login(desk.organiser)
    routing = client.get(f"{API}/help-requests/{request_id}/suggestions").json()
    client.logout()
    assert [(c["name"], c["reasons"]) for c in routing["cities"]] == [
        (
            "Millbrook",
            [
                "Published solution “Curbside composting pilot” in Food waste composting, "
                "with 1 measured outcome"
            ],
        ),
        ("Ashford", ["Replicating “Curbside composting pilot” (piloting)"]),
    ]
    assert [(e["name"], e["reasons"]) for e in routing["experts"]] == [
        (
            "Eli Expert",
            [
                "Expertise “composting” matches the area Food waste composting",
                "Expertise “waste policy” matches the area Food waste composting",
            ],
        )
    ]

    routed = _post(
        client,
        desk.organiser,
        f"/help-requests/{request_id}/invitations",
        {"user_ids": [desk.peer_editor.pk, desk.expert.pk]},
    )
    assert routed.json()["status"] == "routed"
    assert [(i["name"], i["kind"]) for i in routed.json()["invitations"]] == [
        (desk.peer_editor.display_name, "city"),
        ("Eli Expert", "expert"),
    ]

    answered = _post(
        client,
        desk.peer_editor,
        f"/help-requests/{request_id}/answers",
        {"body": "Start with a 500-household pilot and weekly collection of green bins."},
    )
    assert (answered.status_code, answered.json()["jurisdiction"]["slug"]) == (201, "millbrook-tx")
    answer_id = answered.json()["id"]

    accepted = _post(client, desk.asker, f"/help-answers/{answer_id}/accept", {})
    assert accepted.json()["is_accepted"] is True

    published = _post(
        client,
        desk.asker,
        f"/help-requests/{request_id}/publish",
        {"consent": True, "linked_solutions": ["curbside-composting"]},
    )
    body = published.json()
    assert (body["status"], body["linked_solutions"], body["qa_url"]) == (
        "published",
        ["curbside-composting"],
        f"/help/qa/{request_id}/",
    )
    assert body["hours_to_first_answer"] is not None
    entry = HelpRequest.objects.get(pk=request_id)
    assert sorted(c.slug for c in entry.involved_cities.all()) == ["brookfield-tx", "millbrook-tx"]
    assert list(entry.history.order_by("history_id").values_list("status", flat=True)) == [
        "new",
        "open",
        "routed",
        "answered",
        "resolved",
        "published",
    ]

    found = client.get(f"{API}/search", {"q": "curbside composting green bins"}).json()
    assert [
        (h["kind"], h["object_id"], h["url"]) for h in found["results"] if h["kind"] == "qa"
    ] == [("qa", request_id, f"/help/qa/{request_id}/")]
    page = client.get(f"/help/qa/{request_id}/")
    assert page.status_code == 200
    assert page.context["accepted"].body == (
        "Start with a 500-household pilot and weekly collection of green bins."
    )

    assert _kinds(desk.asker) == ["helpdesk.triaged", "helpdesk.answered"]
    assert _kinds(desk.peer_editor) == [
        "helpdesk.invited",
        "helpdesk.accepted",
        "helpdesk.published",
    ]
    assert _kinds(desk.expert) == ["helpdesk.invited"]
    assert entry.status == RequestStatus.PUBLISHED
