from django.apps import AppConfig

from citypeers.helpdesk.enums import NoticeKind
from citypeers.notifications.kinds import register_kind

NOTICES = (
    (NoticeKind.INVITED, "You are invited to answer a help request"),
    (NoticeKind.ANSWERED, "Your help request has a new answer"),
    (NoticeKind.ACCEPTED, "Your answer was accepted"),
    (NoticeKind.TRIAGED, "Your help request was triaged"),
    (NoticeKind.PUBLISHED, "A help request you took part in was published"),
)


class HelpdeskConfig(AppConfig):
    name = "citypeers.helpdesk"
    label = "helpdesk"
    verbose_name = "Help desk"

    def ready(self):
        for code, label in NOTICES:
            register_kind(code, label, "Help desk")
