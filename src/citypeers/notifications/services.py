"""The one writer of notifications. Other apps call `notify` inside their own transaction; the
email goes out after commit, and a mail server that fails is logged, never turned into an error
for the action that caused the notice."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from citypeers.core.text import single_line
from citypeers.notifications.kinds import is_registered
from citypeers.notifications.models import EmailPreference, Notification
from citypeers.notifications.permissions import can_read_notification

log = logging.getLogger(__name__)


def _absolute(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL.rstrip("/") + path


def send_notification_email(notification_id: int) -> bool:
    """Email one notice once. Returns whether a message went out; never raises."""
    try:
        claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        if not claimed:
            return False
        notification = Notification.objects.select_related("user").get(pk=notification_id)
        if not notification.user.email or not notification.user.is_active:
            return False
        context = {
            "notification": notification,
            "link": _absolute(notification.url) if notification.url else "",
            "list_link": _absolute(reverse("notifications:list")),
        }
        send_mail(
            subject=single_line(notification.title),
            message=render_to_string("notifications/emails/notification.txt", context),
            from_email=None,
            recipient_list=[notification.user.email],
        )
        return True
    except Exception:  # the action that caused the notice is already saved
        log.exception("Could not email notification %s", notification_id)
        return False


@transaction.atomic
def notify(*, user, kind: str, title: str, url: str = "", body: str = "") -> Notification | None:
    """Tell one person about something that concerns them (in the app, then by email)."""
    if user is None or not user.is_active:
        return None
    notification = Notification(
        user=user, kind=kind, title=single_line(title)[:200], url=url[:300], body=body
    )
    notification.full_clean()
    notification.save()
    if wants_email(user, kind):
        transaction.on_commit(lambda: send_notification_email(notification.pk), robust=True)
    return notification


def wants_email(user, kind: str) -> bool:
    return not EmailPreference.objects.filter(user=user, kind=kind, email=False).exists()


@transaction.atomic
def set_email_preferences(*, actor, choices: dict[str, bool]) -> dict[str, bool]:
    """Save which kinds of notice `actor` gets by email (kinds not named keep their choice)."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("Sign in to choose your notifications.")
    unknown = sorted(code for code in choices if not is_registered(code))
    if unknown:
        raise ValidationError({"choices": [f"Unknown kinds of notice: {', '.join(unknown)}."]})
    for code, email in choices.items():
        EmailPreference.objects.update_or_create(
            user=actor, kind=code, defaults={"email": bool(email)}
        )
    return choices


@transaction.atomic
def mark_read(*, notification: Notification, actor) -> Notification:
    if not can_read_notification(actor, notification):
        raise PermissionDenied("This notification is not yours.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def mark_all_read(*, actor) -> int:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("Sign in to read your notifications.")
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
