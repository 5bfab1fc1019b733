from django.apps import AppConfig


class CoalitionsConfig(AppConfig):
    name = "citypeers.coalitions"
    label = "coalitions"

    def ready(self):
        # The solution page (knowledge) shows the replication panel through `core.panels`.
        from citypeers.coalitions import solution_panels  # noqa: F401, PLC0415 - registers panels once the app registry is ready
