from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "citypeers.core"
    label = "core"
