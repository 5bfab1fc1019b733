from django.apps import AppConfig


class CoalitionsConfig(AppConfig):
    name = "citypeers.coalitions"
    label = "coalitions"
