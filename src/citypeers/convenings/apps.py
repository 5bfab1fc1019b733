from django.apps import AppConfig


class ConveningsConfig(AppConfig):
    name = "citypeers.convenings"
    verbose_name = "Convenings"

    def ready(self):
        from citypeers.convenings.enums import MeetingNotice  # noqa: PLC0415 - needs the app registry
        from citypeers.notifications.kinds import register_kind  # noqa: PLC0415 - same

        for code, label in MeetingNotice.choices:
            register_kind(code, label, "Convenings")
