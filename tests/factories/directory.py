import factory

from citypeers.core.enums import PublicationStatus
from citypeers.directory.enums import GovernmentType
from citypeers.directory.models import Indicator, IndicatorValue, Jurisdiction, ProfilePerson
from citypeers.directory.naming import normalise_name


class JurisdictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jurisdiction

    name = factory.Sequence(lambda n: f"Testville {n}")
    name_normalised = factory.LazyAttribute(lambda o: normalise_name(o.name))
    slug = factory.Sequence(lambda n: f"testville-{n}-tx")
    state = "TX"
    state_fips = "48"
    kind = GovernmentType.CITY
    population = 50_000
    population_year = 2021
    population_source = "Test data"
    latitude = 30.0
    longitude = -97.0
    story_status = PublicationStatus.PUBLISHED


class ProfilePersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfilePerson

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    title = "Chief Data Officer"
    email = factory.Sequence(lambda n: f"person{n}@city.example")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"indicator-{n}")
    label = factory.Sequence(lambda n: f"Indicator {n}")
    theme = "economy"
    source = "Test data"


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    year = 2021
    value = 42.0
    source = "Test data"
