from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "citypeers.web"
    label = "web"
