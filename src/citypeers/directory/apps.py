from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "citypeers.directory"
    label = "directory"
