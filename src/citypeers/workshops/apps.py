from django.apps import AppConfig

from citypeers.notifications.kinds import register_kind
from citypeers.workshops.enums import SESSION_CANCELLED_NOTICE, WEBINAR_CANCELLED_NOTICE


class WorkshopsConfig(AppConfig):
    name = "citypeers.workshops"
    label = "workshops"

    def ready(self):
        register_kind(
            WEBINAR_CANCELLED_NOTICE, "A webinar you registered for was cancelled", "Webinars"
        )
        register_kind(
            SESSION_CANCELLED_NOTICE,
            "A session of a workshop you take part in was cancelled",
            "Workshops",
        )
