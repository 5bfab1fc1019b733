"""Reads of a person's notifications; each is private to its recipient."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from citypeers.notifications.kinds import registered_kinds
from citypeers.notifications.models import EmailPreference, Notification


def notifications_for(user, *, unread_only: bool = False) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    queryset = Notification.objects.filter(user=user)
    if unread_only:
        queryset = queryset.filter(read_at__isnull=True)
    return queryset.order_by("-created_at", "-pk")


def unread_count(user) -> int:
    return notifications_for(user, unread_only=True).count()


def notification_for_user(user, pk, *, for_edit: bool = False) -> Notification:
    """The same 404 for a notice that does not exist and one addressed to someone else."""
    notification = notifications_for(user).filter(pk=pk).first()
    if notification is None:
        raise Http404("No such notification.")
    return notification


@dataclass(frozen=True)
class EmailChoice:
    code: str
    label: str
    group: str
    email: bool


def email_choices(user) -> list[EmailChoice]:
    """Every registered kind of notice with whether this person gets it by email (one query)."""
    off = set(EmailPreference.objects.filter(user=user, email=False).values_list("kind", flat=True))
    return [EmailChoice(k.code, k.label, k.group, k.code not in off) for k in registered_kinds()]
