import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from citypeers.search.models import SearchDocument
from citypeers.workshops.enums import RegistrationStatus, WebinarStatus
from citypeers.workshops.models import Registration
from citypeers.workshops.services import webinars as service
from citypeers.workshops.tasks import queue_due_reminders, send_webinar_reminders
from tests.factories.accounts import CoalitionFactory, UserFactory
from tests.factories.workshops import RegistrationFactory, WebinarFactory

pytestmark = pytest.mark.integration


def statuses(webinar):
    return list(
        Registration.objects.filter(webinar=webinar)
        .order_by("queued_at", "pk")
        .values_list("user__email", "status")
    )


def test_register_confirms_until_full_then_waitlists(db):
    webinar = WebinarFactory(capacity=2)
    users = [UserFactory() for _ in range(3)]

    results = [service.register(webinar=webinar, user=u).status for u in users]

    assert results == ["confirmed", "confirmed", "waitlisted"]


def test_register_twice_returns_same_registration(db):
    webinar = WebinarFactory()
    user = UserFactory()

    first = service.register(webinar=webinar, user=user)
    second = service.register(webinar=webinar, user=user)

    assert (first.pk, Registration.objects.count()) == (second.pk, 1)


def test_register_sends_confirmation_with_calendar_file(db, django_capture_on_commit_callbacks):
    webinar = WebinarFactory(title="Land trusts 101")
    user = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        service.register(webinar=webinar, user=user)

    assert [m.subject for m in mail.outbox] == ["Registered: Land trusts 101"]
    assert mail.outbox[0].attachments[0][2] == "text/calendar"


def test_cancel_promotes_longest_waiting_person(db, django_capture_on_commit_callbacks):
    webinar = WebinarFactory(capacity=1)
    seated, first_waiting, second_waiting = UserFactory(), UserFactory(), UserFactory()
    seat = service.register(webinar=webinar, user=seated)
    service.register(webinar=webinar, user=first_waiting)
    service.register(webinar=webinar, user=second_waiting)

    with django_capture_on_commit_callbacks(execute=True):
        service.cancel_registration(registration=seat, by=seated)

    assert statuses(webinar) == [
        (seated.email, "cancelled"),
        (first_waiting.email, "confirmed"),
        (second_waiting.email, "waitlisted"),
    ]
    assert [m.subject for m in mail.outbox] == [f"You have a seat: {webinar.title}"]


def test_register_again_after_cancelling_joins_back_of_waitlist(db):
    webinar = WebinarFactory(capacity=1)
    seated, waiting, returning = UserFactory(), UserFactory(), UserFactory()
    service.register(webinar=webinar, user=seated)
    early = service.register(webinar=webinar, user=returning)
    service.register(webinar=webinar, user=waiting)
    service.cancel_registration(registration=early, by=returning)

    again = service.register(webinar=webinar, user=returning)

    assert again.status == "waitlisted"
    assert statuses(webinar)[-1] == (returning.email, "waitlisted")
    assert Registration.objects.get(user=waiting).queued_at < again.queued_at


def test_cancel_someone_elses_registration_is_denied(db):
    registration = RegistrationFactory()

    with pytest.raises(PermissionDenied):
        service.cancel_registration(registration=registration, by=UserFactory())


def test_larger_capacity_promotes_from_waitlist(db):
    organiser = UserFactory(is_network_organiser=True)
    webinar = WebinarFactory(capacity=1)
    users = [UserFactory() for _ in range(3)]
    for u in users:
        service.register(webinar=webinar, user=u)

    service.update_webinar(webinar=webinar, by=organiser, capacity=2)

    assert [s for _, s in statuses(webinar)] == ["confirmed", "confirmed", "waitlisted"]


def test_register_for_draft_webinar_is_denied(db):
    with pytest.raises(PermissionDenied):
        service.register(webinar=WebinarFactory(status=WebinarStatus.DRAFT), user=UserFactory())


def test_register_for_past_webinar_is_refused(db):
    past = timezone.now() - timedelta(days=2)
    webinar = WebinarFactory(starts_at=past, ends_at=past + timedelta(hours=1))

    with pytest.raises(ValidationError):
        service.register(webinar=webinar, user=UserFactory())


def test_sequential_registrations_fill_exactly_the_capacity(db):
    webinar = WebinarFactory(capacity=100)
    users = UserFactory.create_batch(200)

    for user in users:
        service.register(webinar=webinar, user=user)

    counts = {
        s: Registration.objects.filter(webinar=webinar, status=s).count()
        for s in ("confirmed", "waitlisted")
    }
    assert counts == {"confirmed": 100, "waitlisted": 100}


def _free_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_connections')::int, count(*) FROM pg_stat_activity"
        )
        limit, used = cursor.fetchone()
    return max(4, min(60, limit - used - 20))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_oversell():
    if connection.vendor != "postgresql":
        pytest.skip("Row locks only mean something on PostgreSQL; SQLite serialises writers.")
    webinar = WebinarFactory(capacity=100)
    users = UserFactory.create_batch(200)
    barrier = threading.Barrier(len(users))
    # All 200 threads start together, but the server allows ~100 connections shared with
    # other test runs, so at most this many hold a connection at once.
    connection_slots = threading.BoundedSemaphore(_free_connections())
    errors = []

    def register(user):
        barrier.wait()
        with connection_slots:
            try:
                service.register(webinar=webinar, user=user)
            except Exception as exc:
                errors.append(exc)
            finally:
                connections.close_all()  # each thread had its own connection; give it back

    threads = [threading.Thread(target=register, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    rows = Registration.objects.filter(webinar=webinar)
    assert errors == []
    assert rows.filter(status=RegistrationStatus.CONFIRMED).count() == 100
    assert rows.filter(status=RegistrationStatus.WAITLISTED).count() == 100
    assert rows.values("user").distinct().count() == 200


def test_reminder_task_emails_each_confirmed_person_once(db):
    webinar = WebinarFactory(title="Data 101")
    RegistrationFactory.create_batch(2, webinar=webinar)
    RegistrationFactory(webinar=webinar, status=RegistrationStatus.WAITLISTED)

    first = send_webinar_reminders.enqueue(webinar.pk)
    second = send_webinar_reminders.enqueue(webinar.pk)

    assert (first.return_value, second.return_value) == (2, 0)
    assert [m.subject for m in mail.outbox] == ["Reminder: Data 101", "Reminder: Data 101"]


def test_queue_due_reminders_picks_webinars_starting_within_a_day(db):
    now = timezone.now()
    soon = WebinarFactory(starts_at=now + timedelta(hours=5), ends_at=now + timedelta(hours=6))
    WebinarFactory(starts_at=now + timedelta(days=3), ends_at=now + timedelta(days=3, hours=1))

    assert queue_due_reminders(now=now) == [soon.pk]


def test_publishing_indexes_webinar_as_event(db):
    organiser = UserFactory(is_network_organiser=True)
    webinar = WebinarFactory(status=WebinarStatus.DRAFT, title="Broadband maps")

    service.set_webinar_status(webinar=webinar, status=WebinarStatus.PUBLISHED, by=organiser)

    assert list(SearchDocument.objects.values_list("kind", "title")) == [
        ("event", "Broadband maps")
    ]


def test_webinar_ics_parses_with_icalendar(client, db):
    webinar = WebinarFactory(title="Land trusts 101", time_zone="America/Denver")

    response = client.get(reverse("workshops:webinar_ics", kwargs={"slug": webinar.slug}))

    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert [str(e["SUMMARY"]) for e in events] == ["Land trusts 101"]
    assert events[0].decoded("DTSTART") == webinar.starts_at.replace(microsecond=0)
    assert str(events[0]["UID"]) == f"webinar-{webinar.pk}@127.0.0.1"


def test_webinar_feed_lists_published_and_cancelled_not_drafts(client, db):
    WebinarFactory(title="Open")
    WebinarFactory(title="Called off", status=WebinarStatus.CANCELLED)
    WebinarFactory(title="Secret", status=WebinarStatus.DRAFT)

    response = client.get(reverse("workshops:webinars_feed"))

    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert sorted((str(e["SUMMARY"]), str(e["STATUS"])) for e in events) == [
        ("Called off", "CANCELLED"),
        ("Open", "CONFIRMED"),
    ]


def test_webinar_page_hides_video_link_until_registered(client, db):
    webinar = WebinarFactory()
    user = UserFactory()
    client.force_login(user)
    url = reverse("workshops:webinar", kwargs={"slug": webinar.slug})

    before = client.get(url).content.decode()
    client.post(reverse("workshops:webinar_register", kwargs={"slug": webinar.slug}))
    after = client.get(url).content.decode()

    assert (webinar.video_url in before, webinar.video_url in after) == (False, True)


def test_api_register_reports_waitlist_position(client, db):
    webinar = WebinarFactory(capacity=1)
    service.register(webinar=webinar, user=UserFactory())
    service.register(webinar=webinar, user=UserFactory())
    client.force_login(UserFactory())

    response = client.post(reverse("api:webinar_register", kwargs={"slug": webinar.slug}))

    assert (response.status_code, response.json()) == (
        201,
        {
            "webinar": webinar.slug,
            "status": "waitlisted",
            "waitlist_position": 2,
            "attended": False,
        },
    )


def test_attendance_marks_only_chosen_confirmed_people(db):
    organiser = UserFactory(is_network_organiser=True)
    webinar = WebinarFactory()
    came, missed = RegistrationFactory(webinar=webinar), RegistrationFactory(webinar=webinar)

    count = service.record_attendance(
        webinar=webinar, attended_user_ids=[came.user_id], by=organiser
    )

    came.refresh_from_db()
    missed.refresh_from_db()
    assert (count, came.attended, missed.attended) == (1, True, False)


def _api(client, method, url, body):
    return getattr(client, method)(url, body, content_type="application/json")


def test_api_organiser_creates_edits_publishes_and_cancels_a_webinar(client, db):
    organiser = UserFactory(is_network_organiser=True)
    host = CoalitionFactory(slug="north-texas")
    full = WebinarFactory(slug="full", capacity=1)
    RegistrationFactory(webinar=full, status=RegistrationStatus.CONFIRMED)
    waiting = RegistrationFactory(webinar=full, status=RegistrationStatus.WAITLISTED)
    client.force_login(organiser)

    created = _api(
        client,
        "post",
        "/api/v1/webinars",
        {
            "title": "Heat maps 101",
            "description": "How to map hot blocks.",
            "starts_at": "2030-04-02T13:00:00",
            "ends_at": "2030-04-02T14:00:00",
            "time_zone": "America/Chicago",
            "co_hosts": ["north-texas"],
        },
    )
    edited = _api(client, "patch", "/api/v1/webinars/heat-maps-101", {"capacity": 40})
    published = _api(
        client, "post", "/api/v1/webinars/heat-maps-101/status", {"status": "published"}
    )
    cancelled = _api(
        client, "post", "/api/v1/webinars/heat-maps-101/status", {"status": "cancelled"}
    )
    grown = _api(client, "patch", "/api/v1/webinars/full", {"capacity": 2})

    assert (created.status_code, created.json()["status"], created.json()["starts_at"]) == (
        201,
        "draft",
        "2030-04-02T18:00:00Z",
    )
    assert [h["slug"] for h in created.json()["co_hosts"]] == [host.slug]
    assert (edited.json()["capacity"], published.json()["status"]) == (40, "published")
    assert cancelled.json()["status"] == "cancelled"
    waiting.refresh_from_db()
    assert (grown.json()["seats_taken"], waiting.status) == (2, RegistrationStatus.CONFIRMED)


def test_api_webinar_write_is_refused_to_members_and_checked_like_the_page(client, db):
    member = UserFactory()
    webinar = WebinarFactory(slug="land-trusts")
    organiser = UserFactory(is_network_organiser=True)

    client.force_login(member)
    denied = _api(client, "patch", "/api/v1/webinars/land-trusts", {"capacity": 5})
    client.force_login(organiser)
    backwards = _api(
        client,
        "patch",
        "/api/v1/webinars/land-trusts",
        {"starts_at": "2030-04-02T14:00:00Z", "ends_at": "2030-04-02T13:00:00Z"},
    )
    unknown_host = _api(client, "patch", "/api/v1/webinars/land-trusts", {"co_hosts": ["nope"]})

    assert denied.status_code == 403
    assert (backwards.status_code, backwards.json()["detail"]) == (
        400,
        "A webinar must end after it starts.",
    )
    assert (unknown_host.status_code, unknown_host.json()["detail"]) == (
        400,
        "Every co-host must be an organisation slug.",
    )
    webinar.refresh_from_db()
    assert webinar.capacity == 100
