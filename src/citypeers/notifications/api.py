"""JSON API for a person's notifications, mounted under /api/v1/ by citypeers.api.urls."""

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from citypeers.core.api.auth import REQUIRED_AUTH
from citypeers.core.api.pagination import MappedQuerySet, PagePagination
from citypeers.notifications import selectors, services
from citypeers.notifications.schemas import (
    EmailChoiceOut,
    EmailChoicesIn,
    NotificationOut,
    ReadAllOut,
    notification_out,
)

router = Router(tags=["notifications"])


class NotificationQuery(Schema):
    unread: bool = False


@router.get(
    "/notifications",
    response=list[NotificationOut],
    auth=REQUIRED_AUTH,
    url_name="notification_list",
)
@paginate(PagePagination)
def list_notifications(request, filters: Query[NotificationQuery]):
    """Your notifications, newest first; `?unread=true` for those not yet read."""
    queryset = selectors.notifications_for(request.auth, unread_only=filters.unread)
    return MappedQuerySet(queryset, notification_out)


@router.post(
    "/notifications/{notification_id}/read",
    response=NotificationOut,
    auth=REQUIRED_AUTH,
    url_name="notification_read",
)
def read_notification(request, notification_id: int):
    """Mark one of your notifications as read (reading it twice changes nothing)."""
    notification = selectors.notification_for_user(request.auth, notification_id)
    return notification_out(services.mark_read(notification=notification, actor=request.auth))


@router.post(
    "/notifications/read-all",
    response=ReadAllOut,
    auth=REQUIRED_AUTH,
    url_name="notification_read_all",
)
def read_all_notifications(request):
    """Mark every unread notification of yours as read."""
    return {"marked_read": services.mark_all_read(actor=request.auth)}


@router.get(
    "/notifications/settings",
    response=list[EmailChoiceOut],
    auth=REQUIRED_AUTH,
    url_name="notification_settings",
)
def get_email_settings(request):
    """Every kind of notice, and whether you get it by email as well as in your list."""
    return selectors.email_choices(request.auth)


@router.put(
    "/notifications/settings",
    response=list[EmailChoiceOut],
    auth=REQUIRED_AUTH,
    url_name="notification_settings_save",
)
def save_email_settings(request, payload: EmailChoicesIn):
    """Turn the email for kinds of notice on or off:
    `{"choices": [{"code": "helpdesk.answered", "email": false}]}`. Kinds not named keep their
    choice; an unknown kind is a 400 naming it."""
    choices = {choice.code: choice.email for choice in payload.choices}
    services.set_email_preferences(actor=request.auth, choices=choices)
    return selectors.email_choices(request.auth)
