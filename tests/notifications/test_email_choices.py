"""People choose which notices come by email; every notice still shows in their list.
Cancelling a webinar tells every registrant, once."""

import pytest
from django.core import mail
from django.urls import reverse

from citypeers.notifications import services
from citypeers.notifications.models import Notification
from citypeers.notifications.selectors import email_choices
from citypeers.workshops.enums import RegistrationStatus, WebinarStatus
from citypeers.workshops.services import webinars
from tests.factories.accounts import UserFactory
from tests.factories.workshops import RegistrationFactory, WebinarFactory

pytestmark = pytest.mark.django_db


def test_a_kind_turned_off_stays_in_the_list_but_sends_no_email(
    django_capture_on_commit_callbacks,
):
    person = UserFactory(email="ana@city.gov")
    services.set_email_preferences(actor=person, choices={"helpdesk.answered": False})

    with django_capture_on_commit_callbacks(execute=True):
        services.notify(user=person, kind="helpdesk.answered", title="New answer")
        services.notify(user=person, kind="helpdesk.invited", title="Please answer")

    assert Notification.objects.filter(user=person).count() == 2
    assert [m.subject for m in mail.outbox] == ["Please answer"]


def test_choices_list_every_registered_kind_with_email_on_by_default():
    person = UserFactory()
    services.set_email_preferences(actor=person, choices={"helpdesk.accepted": False})

    choices = {c.code: c.email for c in email_choices(person)}

    assert choices["helpdesk.accepted"] is False
    assert choices["helpdesk.answered"] is True
    assert choices["workshops.webinar_cancelled"] is True


def test_an_unknown_kind_is_refused_by_name(client):
    person = UserFactory()
    client.force_login(person)

    response = client.put(
        reverse("api:notification_settings_save"),
        {
            "choices": [
                {"code": "helpdesk.answered", "email": False},
                {"code": "made.up", "email": True},
            ]
        },
        content_type="application/json",
    )

    assert (response.status_code, response.json()["detail"]) == (
        400,
        "Unknown kinds of notice: made.up.",
    )


def test_the_settings_page_saves_the_ticked_kinds_only(client):
    person = UserFactory()
    client.force_login(person)

    client.post(reverse("notifications:settings"), {"email": ["helpdesk.invited"]})

    choices = {c.code: c.email for c in email_choices(person)}
    assert (choices["helpdesk.invited"], choices["helpdesk.answered"]) == (True, False)


def test_cancelling_a_webinar_tells_every_registrant_once(django_capture_on_commit_callbacks):
    organiser = UserFactory(is_network_organiser=True)
    webinar = WebinarFactory(title="Broadband maps", status=WebinarStatus.PUBLISHED)
    seated = RegistrationFactory(webinar=webinar, status=RegistrationStatus.CONFIRMED)
    waiting = RegistrationFactory(webinar=webinar, status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(webinar=webinar, status=RegistrationStatus.CANCELLED)

    with django_capture_on_commit_callbacks(execute=True):
        webinars.set_webinar_status(webinar=webinar, status=WebinarStatus.CANCELLED, by=organiser)
        webinars.set_webinar_status(webinar=webinar, status=WebinarStatus.CANCELLED, by=organiser)

    notified = Notification.objects.filter(kind="workshops.webinar_cancelled")
    assert sorted(notified.values_list("user_id", flat=True)) == sorted(
        [seated.user_id, waiting.user_id]
    )
    assert {m.subject for m in mail.outbox} == {"Cancelled: Broadband maps"}
    assert len(mail.outbox) == 2
