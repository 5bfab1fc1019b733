from django.apps import AppConfig


class HelpdeskConfig(AppConfig):
    name = "citypeers.helpdesk"
    label = "helpdesk"
    verbose_name = "Help desk"
