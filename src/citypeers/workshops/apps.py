from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "citypeers.workshops"
    label = "workshops"
