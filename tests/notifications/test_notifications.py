"""Notifications: written with the action, emailed once after commit, never a 500."""

import pytest
from django.core import mail

from citypeers.notifications import services
from citypeers.notifications.models import Notification
from tests.factories.accounts import UserFactory
from tests.factories.helpdesk import NotificationFactory

pytestmark = pytest.mark.integration


def test_a_notice_is_emailed_once_after_commit(db, django_capture_on_commit_callbacks):
    user = UserFactory(email="ana@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        notice = services.notify(
            user=user, kind="helpdesk.invited", title="Can you help?", url="/help/"
        )

    assert [(m.to, m.subject) for m in mail.outbox] == [(["ana@example.org"], "Can you help?")]
    assert services.send_notification_email(notice.pk) is False
    assert len(mail.outbox) == 1


def test_nothing_is_emailed_when_the_action_rolls_back(db, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notify(user=user, kind="k", title="Never sent")

    assert (len(callbacks), mail.outbox) == (1, [])


def test_a_failing_mail_server_is_logged_not_raised(
    db, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.notifications.broken_mail.BrokenBackend"
    user = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        notice = services.notify(user=user, kind="k", title="Mail is down")

    assert Notification.objects.get(pk=notice.pk).title == "Mail is down"


def test_a_title_is_kept_on_one_line(db):
    notice = services.notify(user=UserFactory(), kind="k", title="Two\nlines")

    assert notice.title == "Two lines"


def test_marking_read_from_the_list_page(client, db):
    notice = NotificationFactory()
    client.force_login(notice.user)

    response = client.post(f"/notifications/{notice.pk}/read/")

    notice.refresh_from_db()
    assert (response.status_code, response.url, notice.is_read) == (302, "/notifications/", True)


def test_following_a_notice_marks_it_read_and_goes_to_it(client, db):
    notice = NotificationFactory(url="/help/qa/1/")
    client.force_login(notice.user)

    response = client.post(f"/notifications/{notice.pk}/read/", {"follow": "1"})

    assert response.url == "/help/qa/1/"


def test_marking_read_with_htmx_returns_the_item(client, db):
    notice = NotificationFactory(title="Answer accepted")
    client.force_login(notice.user)

    response = client.post(f"/notifications/{notice.pk}/read/", headers={"HX-Request": "true"})

    assert [t.name for t in response.templates] == ["notifications/_item.html"]


def test_someone_elses_notice_is_a_404(client, db):
    notice = NotificationFactory()
    client.force_login(UserFactory())

    assert client.post(f"/notifications/{notice.pk}/read/").status_code == 404


def test_the_api_lists_unread_and_marks_all_read(client, db):
    user = UserFactory()
    NotificationFactory(user=user, title="First")
    NotificationFactory(user=user, title="Second")
    NotificationFactory(title="Not yours")
    client.force_login(user)

    listed = client.get("/api/v1/notifications?unread=true").json()
    marked = client.post("/api/v1/notifications/read-all", content_type="application/json")

    assert [n["title"] for n in listed["results"]] == ["Second", "First"]
    assert marked.json() == {"marked_read": 2}
    assert client.get("/api/v1/notifications?unread=true").json()["count"] == 0
