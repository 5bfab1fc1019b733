"""Help desk pages: asking, the organisers' queue, routing from the request page, publishing,
and the public library. Demo seeding is labelled."""

import io
import json

import pytest

from citypeers.helpdesk import services
from citypeers.helpdesk.enums import RequestStatus, TriageDecision
from citypeers.helpdesk.models import HelpRequest
from citypeers.helpdesk.setup import setup_site
from tests.factories.accounts import UserFactory
from tests.factories.helpdesk import HelpRequestFactory
from tests.factories.knowledge import ChallengeAreaFactory

pytestmark = pytest.mark.integration


def _form(desk, **overrides):
    return {
        "jurisdiction": desk.asking_city.pk,
        "title": "How do we start composting?",
        "question": "Kitchen scraps fill our landfill.",
        "area": desk.area.pk,
        "urgency": "medium",
        "visibility": "network",
        **overrides,
    }


def test_a_member_asks_from_the_form(client, desk):
    client.force_login(desk.asker)

    response = client.post("/help/new/", _form(desk))

    help_request = HelpRequest.objects.get()
    assert (response.status_code, response.url) == (302, help_request.get_absolute_url())
    assert help_request.status == RequestStatus.NEW


def test_the_form_explains_a_title_with_control_characters(client, desk):
    client.force_login(desk.asker)

    response = client.post("/help/new/", _form(desk, title="Tab\there"))

    assert response.context["form"].errors == {
        "title": ["Use one line of plain text: no line breaks, tabs or control characters."]
    }
    assert HelpRequest.objects.count() == 0


def test_the_queue_filters_by_status_and_age(client, desk):
    HelpRequestFactory(area=desk.area, title="Waiting", status=RequestStatus.NEW)
    HelpRequestFactory(area=desk.area, title="Done", status=RequestStatus.PUBLISHED)
    client.force_login(desk.organiser)

    active = client.get("/help/queue/").context["page_result"].page.object_list
    published = client.get("/help/queue/?status=published").context["page_result"].page.object_list
    old = client.get("/help/queue/?older_than=7").context["page_result"].page.object_list

    assert ([r.title for r in active], [r.title for r in published], list(old)) == (
        ["Waiting"],
        ["Done"],
        [],
    )


def test_the_organiser_sees_suggestions_and_invites_from_the_request_page(client, desk):
    help_request = services.open_request(
        jurisdiction=desk.asking_city,
        actor=desk.asker,
        title="Composting",
        question="How?",
        area=desk.area,
    )
    services.triage_request(
        help_request=help_request, actor=desk.organiser, decision=TriageDecision.ACCEPT
    )
    client.force_login(desk.organiser)

    routing = client.get(help_request.get_absolute_url()).context["routing"]
    response = client.post(
        f"/help/requests/{help_request.pk}/invite/", {"people": [desk.peer_editor.pk]}
    )

    assert [r.jurisdiction for r in routing.cities] == [desk.peer_city, desk.replicating_city]
    assert [r.contacts for r in routing.cities] == [[desk.peer_editor], [desk.replicating_editor]]
    assert response.status_code == 302
    invitation = help_request.invitations.get()
    assert (invitation.user, invitation.jurisdiction, invitation.kind) == (
        desk.peer_editor,
        desk.peer_city,
        "city",
    )


def test_a_saved_triage_survives_a_broken_mail_server(client, desk, settings):
    settings.EMAIL_BACKEND = "tests.notifications.broken_mail.BrokenBackend"
    help_request = HelpRequestFactory(
        jurisdiction=desk.asking_city, asked_by=desk.asker, area=desk.area
    )
    client.force_login(desk.organiser)

    response = client.post(f"/help/requests/{help_request.pk}/triage/", {"decision": "accept"})

    help_request.refresh_from_db()
    assert (response.status_code, help_request.status) == (302, RequestStatus.OPEN)


def test_publishing_without_consent_keeps_the_request_resolved(client, desk):
    help_request = HelpRequestFactory(
        jurisdiction=desk.asking_city,
        asked_by=desk.asker,
        area=desk.area,
        status=RequestStatus.RESOLVED,
    )
    client.force_login(desk.asker)

    client.post(f"/help/requests/{help_request.pk}/publish/", {})

    help_request.refresh_from_db()
    assert help_request.status == RequestStatus.RESOLVED


def test_the_api_refuses_an_unknown_field_and_a_bad_title(client, desk):
    client.force_login(desk.asker)
    body = {
        "jurisdiction": "brookfield-tx",
        "title": "Two\nlines",
        "question": "q",
        "area": "food-waste",
    }

    bad_title = client.post(
        "/api/v1/help-requests", json.dumps(body), content_type="application/json"
    )
    unknown = client.post(
        "/api/v1/help-requests",
        json.dumps({**body, "title": "Fine", "titel": "x"}),
        content_type="application/json",
    )
    no_area = client.post(
        "/api/v1/help-requests",
        json.dumps({**body, "title": "Fine", "area": "nowhere"}),
        content_type="application/json",
    )

    assert (bad_title.status_code, bad_title.json()["detail"]) == (
        422,
        "payload.title: Value error, use one line of plain text: no line breaks, tabs or "
        "control characters",
    )
    assert (unknown.status_code, unknown.json()["detail"]) == (
        422,
        "payload.titel: Extra inputs are not permitted",
    )
    assert (no_area.status_code, no_area.json()["detail"]) == (
        400,
        "No challenge area “nowhere”.",
    )


def test_demo_seeding_skips_without_demo_accounts(db):
    out = io.StringIO()

    setup_site(out)

    assert out.getvalue() == "    helpdesk: skipped (demo accounts missing; run accounts first)"


def test_queue_filters_by_top_level_area_with_its_sub_areas(client, db):
    top = ChallengeAreaFactory(slug="housing", name="Housing")
    sub = ChallengeAreaFactory(slug="rentals", name="Rentals", parent=top)
    in_top = HelpRequestFactory(area=top)
    in_sub = HelpRequestFactory(area=sub)
    HelpRequestFactory(area=ChallengeAreaFactory(slug="water", name="Water"))
    client.force_login(UserFactory(is_network_organiser=True))

    page = client.get("/help/queue/?status=all&area=housing")

    assert sorted(r.pk for r in page.context["page_result"].page.object_list) == sorted(
        [in_top.pk, in_sub.pk]
    )


def test_a_published_qa_on_a_roadmap_step_shows_on_that_roadmap(db):
    from types import SimpleNamespace

    from citypeers.assessments.models import Criterion
    from citypeers.helpdesk.panels import _roadmap_context
    from tests.factories.assessments import default_version

    criterion = Criterion.objects.filter(version=default_version()).order_by("pk").first()
    entry = HelpRequestFactory(
        status=RequestStatus.PUBLISHED, criterion=criterion, title="Where do we start?"
    )
    HelpRequestFactory(status=RequestStatus.OPEN, criterion=criterion)
    roadmap = SimpleNamespace(roadmap_step_keys={criterion.key}, version_id=criterion.version_id)
    elsewhere = SimpleNamespace(roadmap_step_keys={"other-step"}, version_id=criterion.version_id)

    assert [e.pk for e in _roadmap_context(None, roadmap, frozenset())["qas"]] == [entry.pk]
    assert _roadmap_context(None, elsewhere, frozenset())["qas"] == []
