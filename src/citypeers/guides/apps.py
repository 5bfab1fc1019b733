from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "citypeers.guides"
    label = "guides"
    verbose_name = "Guides"
