from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "citypeers.profiles"
    label = "profiles"
