from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class SearchConfig(AppConfig):
    name = "citypeers.search"
    label = "search"

    def ready(self):
        # Each app may describe its searchable documents in `<app>/search_sources.py`.
        autodiscover_modules("search_sources")
