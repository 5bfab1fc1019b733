"""Reads of a person's notifications; each is private to its recipient."""

from django.db.models import QuerySet
from django.http import Http404

from citypeers.notifications.models import Notification


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
