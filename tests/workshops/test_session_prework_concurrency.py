"""Sessions and pre-work briefs keep both editors' work: a save made from an older version is
refused (StaleEdit / 409 / the form shows both), never silently written over the other."""

import pytest
from django.urls import reverse

from citypeers.core.services import StaleEdit
from citypeers.workshops.models import PreWork, Session
from citypeers.workshops.services import sessions as service
from tests.factories.accounts import UserFactory
from tests.factories.workshops import CohortMemberFactory, PreWorkFactory, SessionFactory

pytestmark = pytest.mark.django_db
TRIALS = 10


@pytest.fixture
def organiser():
    return UserFactory(is_network_organiser=True)


def _session_fields(session, **changes):
    fields = {
        "title": session.title,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "agenda": session.agenda,
        "location": session.location,
        "video_url": session.video_url,
    }
    return {**fields, **changes}


def test_two_session_edits_from_one_version_lose_nothing(organiser):
    lost = 0
    for trial in range(TRIALS):
        session = SessionFactory(title="Kick-off", location="Room 1")
        a, b = Session.objects.get(pk=session.pk), Session.objects.get(pk=session.pk)
        service.save_session(
            workshop=session.workshop,
            by=organiser,
            session=a,
            expected_version=1,
            **_session_fields(a, title=f"A {trial}"),
        )
        try:
            service.save_session(
                workshop=session.workshop,
                by=organiser,
                session=b,
                expected_version=1,
                **_session_fields(b, location=f"Room {trial}"),
            )
        except StaleEdit as stale:
            fresh = stale.current
            service.save_session(
                workshop=session.workshop,
                by=organiser,
                session=fresh,
                expected_version=stale.current_version,
                **_session_fields(fresh, location=f"Room {trial}"),
            )
        session.refresh_from_db()
        lost += (session.title, session.location) != (f"A {trial}", f"Room {trial}")
    assert lost == 0


def test_a_stale_prework_save_is_refused_and_writes_nothing(organiser):
    brief = PreWorkFactory(challenge="Rents rose.")
    member = CohortMemberFactory(workshop=brief.workshop, jurisdiction=brief.jurisdiction)
    fields = {"challenge": "Rents rose fast.", "tried": "Zoning.", "worked": "", "barriers": ""}
    service.save_prework(member=member, by=organiser, expected_version=1, **fields)

    with pytest.raises(StaleEdit) as refused:
        service.save_prework(
            member=member, by=organiser, expected_version=1, **{**fields, "tried": "Vouchers."}
        )

    brief.refresh_from_db()
    assert (brief.challenge, brief.tried, brief.version) == ("Rents rose fast.", "Zoning.", 2)
    assert refused.value.current_version == 2


def test_the_prework_api_answers_a_stale_version_with_409(client, organiser):
    brief = PreWorkFactory(version=3)
    member = CohortMemberFactory(workshop=brief.workshop, jurisdiction=brief.jurisdiction)
    client.force_login(organiser)
    url = reverse(
        "api:prework_save",
        kwargs={"slug": member.workshop.slug, "city": member.jurisdiction.slug},
    )
    body = {"challenge": "New", "tried": "New", "version": 2}

    response = client.put(url, body, content_type="application/json")

    assert response.status_code == 409
    assert response.json()["current_version"] == 3
    assert PreWork.objects.get(pk=brief.pk).challenge == brief.challenge


def test_the_session_page_shows_both_versions_after_a_stale_save(client, organiser):
    session = SessionFactory(title="Kick-off")
    Session.objects.filter(pk=session.pk).update(title="Renamed meanwhile", version=2)
    client.force_login(organiser)
    url = reverse(
        "workshops:session_edit", kwargs={"slug": session.workshop.slug, "pk": session.pk}
    )
    data = {
        "title": "My title",
        "starts_at": "2030-03-02T10:00",
        "ends_at": "2030-03-02T12:00",
        "location": "",
        "video_url": "",
        "agenda": "",
        "version": "1",
    }

    page = client.post(url, data).content.decode()

    assert "Renamed meanwhile" in page
    assert Session.objects.get(pk=session.pk).title == "Renamed meanwhile"
