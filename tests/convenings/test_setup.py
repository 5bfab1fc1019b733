import io

import pytest

from citypeers.convenings import setup
from citypeers.convenings.enums import ConveningState
from citypeers.convenings.models import Commitment, Convening, Delegate, Tour
from citypeers.search.models import SearchDocument
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def demo_world(db):
    UserFactory(is_network_organiser=True)
    UserFactory(email="foundation@demo.citypeers.example", full_name="Frankie Funder")
    OrganisationFactory(slug="demo-civic-data-foundation", name="Civic Data Foundation (demo)")
    for name, state in [("New Orleans", "LA"), ("Boston", "MA"), ("Los Angeles", "CA")]:
        JurisdictionFactory(
            name=name, state=state, slug=f"{name.lower().replace(' ', '-')}-{state}"
        )


def test_setup_site_builds_a_labelled_demo_and_is_idempotent(demo_world):
    out = io.StringIO()
    setup.setup_site(out)
    setup.setup_site(out)

    convening = Convening.objects.get()
    assert (convening.is_demo, convening.state, convening.host.name) == (
        True,
        ConveningState.FOLLOW_UP,
        "New Orleans",
    )
    statuses = dict(convening.delegations.values_list("jurisdiction__name", "status"))
    assert statuses == {"Boston": "confirmed", "Los Angeles": "invited"}
    assert Delegate.objects.filter(accepted_at__isnull=True).count() == 1
    assert Commitment.objects.filter(is_demo=True).count() == 4
    assert Tour.objects.filter(is_demo=True).count() == 1
    assert list(
        SearchDocument.objects.filter(kind="convening").values_list("title", "is_demo")
    ) == [("Peer convening in New Orleans (demo)", True)]


def test_convenings_appear_in_site_search_once_open(client, db):
    from datetime import date

    from citypeers.convenings.services import convenings as service

    organiser = UserFactory(is_network_organiser=True)
    convening = service.create_convening(
        actor=organiser,
        title="Broadband equity convening",
        host=JurisdictionFactory(name="Chattanooga", state="TN"),
        starts_on=date(2030, 5, 10),
        ends_on=date(2030, 5, 11),
        registration_opens_on=date(2030, 1, 1),
        delegation_deadline=date(2030, 4, 1),
    )
    assert SearchDocument.objects.filter(kind="convening").count() == 0
    service.transition_convening(convening=convening, to_state="open", actor=organiser)
    page = client.get("/search/", {"q": "broadband equity", "kind": "convening"})
    assert [h.url for h in page.context["results"].hits] == [convening.get_absolute_url()]
    assert page.context["counts"] == {"convening": 1}


def test_the_demo_has_a_programme_and_a_published_timetable(demo_world):
    from citypeers.convenings.enums import ProposalStatus
    from citypeers.convenings.models import AgendaItem, Placement, SessionProposal

    for key in ("boston-admin", "boston-editor", "la-admin", "la-editor"):
        UserFactory(email=f"{key}@demo.citypeers.example")

    setup.setup_site(io.StringIO())
    setup.setup_site(io.StringIO())

    convening = Convening.objects.get()
    statuses = sorted(SessionProposal.objects.filter(is_demo=True).values_list("status", flat=True))
    assert statuses == [
        ProposalStatus.ACCEPTED,
        ProposalStatus.ACCEPTED,
        ProposalStatus.ACCEPTED,
        ProposalStatus.DECLINED,
        ProposalStatus.PROPOSED,
    ]
    assert all(
        title.endswith("(demo)") for title in convening.proposals.values_list("title", flat=True)
    )
    assert convening.slots.count() == 3
    assert Placement.objects.filter(slot__convening=convening).count() == 3
    assert convening.timetable.published_at is not None
    assert (
        AgendaItem.objects.filter(user__email="boston-editor@demo.citypeers.example").count() == 3
    )


def test_the_demo_convening_has_a_networking_schedule_with_one_meeting_accepted(demo_world):
    from citypeers.convenings.models import Meeting
    from tests.factories.knowledge import ChallengeAreaFactory

    for slug in ["broadband-access", "affordable-housing-supply", "digital-skills"]:
        ChallengeAreaFactory(slug=slug)
    ChallengeAreaFactory(slug="housing-affordability")
    for key in ["boston-admin", "boston-editor", "la-admin", "la-editor"]:
        UserFactory(email=f"{key}@demo.citypeers.example")

    setup.setup_site(io.StringIO())
    setup.setup_site(io.StringIO())

    meetings = list(Meeting.objects.all())
    seated = {p for m in meetings for p in (m.delegate_a.user_id, m.delegate_b.user_id)}
    assert len(meetings) >= 1
    assert None not in seated
    assert [m.status for m in meetings].count("accepted") == 1
    assert all(m.delegate_a.delegation_id != m.delegate_b.delegation_id for m in meetings)
    requests = [m for m in meetings if m.requested_by_id is not None]
    assert [(m.status, m.requested_by_id) for m in requests] == [
        ("proposed", requests[0].delegate_a_id)
    ]
    assert requests[0].reason.endswith(": How you fund the digital navigators (demo)")
