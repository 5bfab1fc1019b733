from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "citypeers.notifications"
    label = "notifications"
    verbose_name = "Notifications"
