from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "citypeers.knowledge"
    label = "knowledge"
