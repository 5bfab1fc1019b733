from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from citypeers.accounts.enums import MembershipRole
from citypeers.notifications.models import Notification
from citypeers.notifications.services import set_email_preferences
from citypeers.workshops.enums import SESSION_CANCELLED_NOTICE, CohortStatus, ContributorRole
from citypeers.workshops.models import Session
from citypeers.workshops.services import sessions as service
from tests.factories.accounts import CityOrganisationFactory, MembershipFactory, UserFactory
from tests.factories.workshops import CohortMemberFactory, ContributorFactory, SessionFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def organiser(db):
    return UserFactory(is_network_organiser=True, email="organiser@example.org")


@pytest.fixture
def cohort(db):
    """A session of a workshop with an accepted city (two people), an invited city (one), a
    speaker and a note-taker."""
    session = SessionFactory(title="Land trusts")
    accepted = CityOrganisationFactory()
    invited = CityOrganisationFactory()
    CohortMemberFactory(workshop=session.workshop, jurisdiction=accepted.jurisdiction)
    CohortMemberFactory(
        workshop=session.workshop, jurisdiction=invited.jurisdiction, status=CohortStatus.INVITED
    )
    people = {
        "member": UserFactory(email="member@example.org"),
        "editor": UserFactory(email="editor@example.org"),
        "invited": UserFactory(email="invited@example.org"),
        "speaker": UserFactory(email="speaker@example.org"),
        "note_taker": UserFactory(email="notes@example.org"),
    }
    MembershipFactory(user=people["member"], organisation=accepted)
    MembershipFactory(user=people["editor"], organisation=accepted, role=MembershipRole.EDITOR)
    MembershipFactory(user=people["invited"], organisation=invited)
    ContributorFactory(
        workshop=session.workshop, user=people["speaker"], role=ContributorRole.SPEAKER
    )
    ContributorFactory(
        workshop=session.workshop, user=people["note_taker"], role=ContributorRole.NOTE_TAKER
    )
    return session, people


def test_cancel_session_notifies_every_participant_once(
    cohort, organiser, django_capture_on_commit_callbacks
):
    session, _ = cohort

    with django_capture_on_commit_callbacks(execute=True):
        service.cancel_session(session=session, by=organiser, reason="The venue flooded.")

    told = Notification.objects.filter(kind=SESSION_CANCELLED_NOTICE)
    assert sorted(told.values_list("user__email", flat=True)) == [
        "editor@example.org",
        "member@example.org",
        "notes@example.org",
        "speaker@example.org",
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "editor@example.org",
        "member@example.org",
        "notes@example.org",
        "speaker@example.org",
    ]
    assert {m.subject for m in mail.outbox} == {
        f"Cancelled: Land trusts ({session.workshop.title})"
    }


def test_cancel_session_notice_names_time_and_reason(cohort, organiser):
    session, people = cohort

    service.cancel_session(session=session, by=organiser, reason="The venue flooded.")

    notice = Notification.objects.get(user=people["member"])
    assert notice.body == (
        "The session on 2 March 2030 at 09:00 CST will not take place. Reason: The venue flooded."
    )
    assert notice.url == session.get_absolute_url()


def test_cancel_session_marks_it_and_bumps_version(cohort, organiser):
    session, _ = cohort

    service.cancel_session(session=session, by=organiser, reason="Snow.")

    saved = Session.objects.get(pk=session.pk)
    assert (saved.is_cancelled, saved.cancellation_reason, saved.version) == (True, "Snow.", 2)


def test_cancel_session_twice_is_refused_and_tells_nobody_again(cohort, organiser):
    session, _ = cohort
    service.cancel_session(session=session, by=organiser)

    with pytest.raises(ValidationError):
        service.cancel_session(session=session, by=organiser)

    assert Notification.objects.filter(kind=SESSION_CANCELLED_NOTICE).count() == 4


def test_cancel_session_that_is_over_is_refused(organiser):
    ended = timezone.now() - timedelta(hours=1)
    session = SessionFactory(starts_at=ended - timedelta(hours=2), ends_at=ended)

    with pytest.raises(ValidationError):
        service.cancel_session(session=session, by=organiser)

    assert Session.objects.get(pk=session.pk).is_cancelled is False


@pytest.mark.parametrize("persona", ["member", "speaker", "note_taker"])
def test_cancel_session_by_non_organiser_is_denied(cohort, persona):
    session, people = cohort

    with pytest.raises(PermissionDenied):
        service.cancel_session(session=session, by=people[persona])

    assert Notification.objects.count() == 0


def test_cancel_session_respects_email_choice(
    cohort, organiser, django_capture_on_commit_callbacks
):
    session, people = cohort
    set_email_preferences(actor=people["member"], choices={SESSION_CANCELLED_NOTICE: False})

    with django_capture_on_commit_callbacks(execute=True):
        service.cancel_session(session=session, by=organiser)

    assert "member@example.org" not in {m.to[0] for m in mail.outbox}
    assert Notification.objects.filter(user=people["member"]).count() == 1


def test_inactive_person_is_not_told(cohort, organiser):
    session, people = cohort
    people["speaker"].is_active = False
    people["speaker"].save(update_fields=["is_active"])

    service.cancel_session(session=session, by=organiser)

    assert Notification.objects.filter(user=people["speaker"]).count() == 0


def test_edit_of_cancelled_session_is_refused(cohort, organiser):
    session, _ = cohort
    cancelled = service.cancel_session(session=session, by=organiser)

    with pytest.raises(ValidationError):
        service.save_session(
            workshop=session.workshop,
            by=organiser,
            session=cancelled,
            expected_version=cancelled.version,
            title="Back on",
            starts_at=datetime(2030, 3, 2, 15, tzinfo=UTC),
            ends_at=datetime(2030, 3, 2, 17, tzinfo=UTC),
        )


def test_cancel_page_confirms_then_cancels(client, cohort, organiser):
    session, _ = cohort
    client.force_login(organiser)
    url = reverse(
        "workshops:session_cancel", kwargs={"slug": session.workshop.slug, "pk": session.pk}
    )

    confirm = client.get(url)
    done = client.post(url, {"reason": "Snow."})
    page = client.get(session.get_absolute_url())

    assert confirm.context["participant_count"] == 4
    assert done["Location"] == session.get_absolute_url()
    assert "This session was cancelled on" in page.content.decode()
    assert Session.objects.get(pk=session.pk).cancellation_reason == "Snow."


def test_session_page_offers_cancel_to_organisers_only(client, cohort, organiser):
    session, people = cohort
    label = "Cancel session…"

    client.force_login(people["member"])
    as_member = client.get(session.get_absolute_url()).content.decode()
    client.force_login(organiser)
    as_organiser = client.get(session.get_absolute_url()).content.decode()

    assert (label in as_member, label in as_organiser) == (False, True)


def test_api_cancel_session_returns_cancelled_session(client, cohort, organiser):
    session, _ = cohort
    client.force_login(organiser)
    url = f"/api/v1/workshops/{session.workshop.slug}/sessions/{session.pk}/cancel"

    first = client.post(url, {"reason": "Snow."}, content_type="application/json")
    again = client.post(url, {}, content_type="application/json")

    assert first.status_code == 200
    assert first.json()["cancellation_reason"] == "Snow."
    assert first.json()["cancelled_at"] is not None
    assert again.status_code == 400


def test_sessions_calendar_marks_cancelled_session(client, cohort, organiser):
    session, people = cohort
    SessionFactory(workshop=session.workshop, title="Still on")
    service.cancel_session(session=session, by=organiser)
    client.force_login(people["member"])

    response = client.get(reverse("workshops:sessions_ics", kwargs={"slug": session.workshop.slug}))

    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert sorted(str(e["STATUS"]) for e in events) == ["CANCELLED", "CONFIRMED"]
