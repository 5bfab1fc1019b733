from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ProfilesConfig(AppConfig):
    name = "citypeers.profiles"
    label = "profiles"

    def ready(self):
        # Each domain app may describe its profile panels in `<app>/profile_panels.py`.
        autodiscover_modules("profile_panels")
