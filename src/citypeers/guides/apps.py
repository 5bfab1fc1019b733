from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "citypeers.guides"
    label = "guides"
    verbose_name = "Guides"

    def ready(self):
        from citypeers.guides.enums import NoticeKind  # noqa: PLC0415 - needs the app registry
        from citypeers.notifications.kinds import register_kind  # noqa: PLC0415 - same

        for code, label in NoticeKind.choices:
            register_kind(code, label, "Guides")
