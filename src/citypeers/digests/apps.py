from django.apps import AppConfig


class DigestsConfig(AppConfig):
    name = "citypeers.digests"
    label = "digests"
    verbose_name = "Digests"
