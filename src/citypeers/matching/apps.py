from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "citypeers.matching"
    label = "matching"

    def ready(self):
        from citypeers.matching import signals  # noqa: PLC0415 - models are ready only now

        signals.connect()
