from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "citypeers.assessments"
    label = "assessments"
