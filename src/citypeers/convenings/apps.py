from django.apps import AppConfig


class ConveningsConfig(AppConfig):
    name = "citypeers.convenings"
    verbose_name = "Convenings"
