from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "citypeers.core"
    label = "core"

    def ready(self):
        # Each app may register periodic jobs in `<app>/schedules.py` (see core.schedule).
        autodiscover_modules("schedules")
