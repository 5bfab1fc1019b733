from datetime import datetime

from ninja import Field, Schema

from citypeers.core.schemas import InputSchema


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    created_at: datetime
    read_at: datetime | None


class ReadAllOut(Schema):
    marked_read: int


def notification_out(notification) -> dict:
    return {
        "id": notification.pk,
        "kind": notification.kind,
        "title": notification.title,
        "body": notification.body,
        "url": notification.url,
        "created_at": notification.created_at,
        "read_at": notification.read_at,
    }


class EmailChoiceOut(Schema):
    code: str
    label: str
    group: str
    email: bool


class EmailChoiceIn(InputSchema):
    code: str = Field(..., max_length=40, description="A kind of notice, e.g. helpdesk.answered")
    email: bool


class EmailChoicesIn(InputSchema):
    choices: list[EmailChoiceIn] = Field(..., max_length=100)
