"""Control characters in titles: refused on input; mail and calendars never fail on stored text."""

import json
import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from citypeers.core.text import CONTROL, plain_text, single_line, validate_single_line
from citypeers.workshops.enums import RegistrationStatus
from citypeers.workshops.forms import SessionForm, WebinarForm
from citypeers.workshops.ics import webinar_calendar
from citypeers.workshops.models import Registration
from citypeers.workshops.services import webinars as service
from tests.factories.accounts import UserFactory
from tests.factories.workshops import (
    RegistrationFactory,
    SessionFactory,
    WebinarFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.integration

BROKEN = "Land trusts\r\nBcc: everyone@example.org"


class RefusingBackend(EmailBackend):
    """A mail server that refuses messages to addresses starting with "refused"."""

    def send_messages(self, messages):
        for message in messages:
            if any(to.startswith("refused") for to in message.to):
                raise ConnectionRefusedError("mail server refused the message")
        return super().send_messages(messages)


@pytest.fixture
def refusing_mail(settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"


# --- input -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["a\r\nb", "a\nb", "a\rb", "a\tb", "a\x00b", "a\x85b", "a\u2028b"])
def test_single_line_validator_refuses_control_characters(text):
    with pytest.raises(ValidationError) as caught:
        validate_single_line(text)

    assert caught.value.messages == [
        "Use one line of plain text: no line breaks, tabs or control characters."
    ]


def test_webinar_service_refuses_a_title_with_a_line_break(db):
    organiser = UserFactory(is_network_organiser=True)
    starts = timezone.now() + timedelta(days=3)

    with pytest.raises(ValidationError) as caught:
        service.create_webinar(
            by=organiser,
            title=BROKEN,
            description="d",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
        )

    assert list(caught.value.message_dict) == ["title"]


def test_forms_refuse_titles_and_places_with_line_breaks():
    webinar = WebinarForm(data={"title": "a\nb"})
    session = SessionForm(
        data={"title": "ok", "location": "Room 1\r\nCity hall"}, zone="America/Chicago"
    )

    assert (webinar.is_valid(), "title" in webinar.errors) == (False, True)
    assert (session.is_valid(), "location" in session.errors) == (False, True)


def test_api_refuses_a_workshop_title_with_a_line_break(client, db):
    client.force_login(UserFactory(is_network_organiser=True))

    response = client.post(
        reverse("api:workshop_create"),
        data=json.dumps({"title": BROKEN}),
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["detail"].startswith(
        "payload.title: Value error, use one line of plain text"
    )


# --- output from text stored before the validator ----------------------------------------------


def test_registering_for_a_webinar_with_a_broken_title_succeeds_and_mails_one_line(
    client, db, django_capture_on_commit_callbacks
):
    webinar = WebinarFactory(title=BROKEN)
    user = UserFactory()
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("workshops:webinar_register", kwargs={"slug": webinar.slug}))

    assert response.status_code == 302
    assert Registration.objects.get(webinar=webinar, user=user).status == "confirmed"
    assert [m.subject for m in mail.outbox] == ["Registered: Land trusts Bcc: everyone@example.org"]
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_a_refused_email_is_logged_and_the_registration_stands(
    client, db, refusing_mail, caplog, django_capture_on_commit_callbacks
):
    webinar = WebinarFactory()
    user = UserFactory(email="refused@example.org")
    client.force_login(user)

    with (
        caplog.at_level(logging.ERROR, logger="citypeers.effects"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(reverse("api:webinar_register", kwargs={"slug": webinar.slug}))

    assert response.status_code == 201
    assert Registration.objects.filter(webinar=webinar, user=user).count() == 1
    assert [r.getMessage() for r in caplog.records] == [
        "Side effect failed after the action was saved: registration email for registration "
        f"{Registration.objects.get(webinar=webinar).pk}"
    ]


def test_a_refused_reminder_does_not_stop_the_others_and_stays_due(db, refusing_mail, caplog):
    webinar = WebinarFactory(starts_at=timezone.now() + timedelta(hours=2))
    refused = RegistrationFactory(webinar=webinar, user=UserFactory(email="refused@example.org"))
    fine = RegistrationFactory(webinar=webinar, user=UserFactory(email="fine@example.org"))

    with caplog.at_level(logging.ERROR, logger="citypeers.effects"):
        sent = service.send_reminders(webinar_id=webinar.pk)

    refused.refresh_from_db()
    fine.refresh_from_db()
    assert (sent, [m.to for m in mail.outbox]) == (1, [["fine@example.org"]])
    assert (refused.reminder_sent_at is None, fine.reminder_sent_at is not None) == (True, True)
    assert fine.status == RegistrationStatus.CONFIRMED
    assert len(caplog.records) == 1


@pytest.mark.parametrize("name", ["webinar_ics", "webinars_feed"])
def test_webinar_calendars_with_a_broken_title_answer_200(client, db, name):
    webinar = WebinarFactory(title=BROKEN + "\x07", description="Line one\r\nLine two\x1b")
    kwargs = {"slug": webinar.slug} if name == "webinar_ics" else {}

    response = client.get(reverse(f"workshops:{name}", kwargs=kwargs))

    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert response.status_code == 200
    assert str(event["SUMMARY"]) == "Land trusts Bcc: everyone@example.org"
    assert str(event["DESCRIPTION"]).startswith("Line one\nLine two \n\nhttp")


def test_session_calendar_with_broken_titles_answers_200(client, db):
    workshop = WorkshopFactory(title="Heat\r\nplans")
    SessionFactory(workshop=workshop, title="Kick\noff", location="Room 1\r\nCity hall")
    client.force_login(UserFactory(is_network_organiser=True))

    response = client.get(reverse("workshops:sessions_ics", kwargs={"slug": workshop.slug}))

    calendar = Calendar.from_ical(response.content)
    event = calendar.walk("VEVENT")[0]
    assert (str(calendar["X-WR-CALNAME"]), str(event["SUMMARY"]), str(event["LOCATION"])) == (
        "Heat plans",
        "Heat plans: Kick off",
        "Room 1 City hall",
    )


# --- properties ---------------------------------------------------------------------------------


@given(st.text())
def test_single_line_has_no_control_characters(text):
    assert CONTROL.search(single_line(text)) is None


@given(st.text())
def test_plain_text_keeps_only_line_breaks(text):
    assert set(CONTROL.findall(plain_text(text))) <= {"\n"}


@settings(max_examples=60, deadline=None)
@given(title=st.text(max_size=60), description=st.text(max_size=200))
def test_webinar_calendar_never_raises_on_any_text(title, description):
    webinar = WebinarFactory.build(pk=7, title=title, description=description)

    calendar = Calendar.from_ical(webinar_calendar([webinar], name=title))

    assert len(calendar.walk("VEVENT")) == 1
