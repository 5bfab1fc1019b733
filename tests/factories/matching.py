"""Factories for matching tests: indicators and their values (directory models, matching's use)."""

import factory

from citypeers.directory.models import Indicator, IndicatorValue


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"indicator-{n}")
    label = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "%"
    theme = "economy"
    source = "Test data"


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    jurisdiction = factory.SubFactory("tests.factories.directory.JurisdictionFactory")
    indicator = factory.SubFactory(IndicatorFactory)
    year = 2021
    value = 10.0
    source = "Test data"
