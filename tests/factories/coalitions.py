import datetime as dt

import factory

from citypeers.accounts.enums import OrganisationKind
from citypeers.coalitions.enums import ReplicationStage, ReplicationVisibility
from citypeers.coalitions.models import (
    BarrierKind,
    CoalitionPartner,
    CoalitionProfile,
    CoalitionProject,
    Partnership,
    Replication,
    ReplicationBarrier,
    ReplicationOutcome,
    ReplicationQuestion,
)


class ReplicationFactory(factory.django.DjangoModelFactory):
    """A record at "considering" with no stage history (services write history; tests that
    need it call `services.start_replication`)."""

    class Meta:
        model = Replication

    solution = factory.SubFactory("tests.factories.knowledge.SolutionFactory")
    adopter = factory.SubFactory("tests.factories.directory.JurisdictionFactory")
    stage = ReplicationStage.CONSIDERING
    stage_changed_on = dt.date(2026, 1, 15)
    adapted = "Smaller pilot area; Spanish-language outreach."
    visibility = ReplicationVisibility.NETWORK


class ReplicationBarrierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReplicationBarrier

    replication = factory.SubFactory(ReplicationFactory)
    kind = factory.LazyFunction(lambda: BarrierKind.objects.get(slug="procurement"))
    notes = "The state contract did not cover sensors."


class ReplicationOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReplicationOutcome

    replication = factory.SubFactory(ReplicationFactory)
    metric = "Homes built"
    baseline = 4
    value = 12
    unit = "homes"


class ReplicationQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReplicationQuestion

    replication = factory.SubFactory(ReplicationFactory)
    asked_by = factory.SubFactory("tests.factories.accounts.UserFactory")
    body = "How did you handle procurement?"


class CoalitionProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoalitionProfile

    organisation = factory.SubFactory("tests.factories.accounts.CoalitionFactory")
    mission = "Governments of the region working on shared challenges."
    region_states = factory.LazyFunction(lambda: ["TX"])


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"partnership-{n}")
    name = factory.Sequence(lambda n: f"Partnership {n}")
    description = "Coalitions across states."

    @factory.post_generation
    def coalitions(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.coalitions.set(extracted)


class CoalitionPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoalitionPartner

    coalition = factory.SubFactory("tests.factories.accounts.CoalitionFactory")
    partner = factory.SubFactory(
        "tests.factories.accounts.OrganisationFactory", kind=OrganisationKind.PARTNER
    )
    role = "Research partner"


class CoalitionProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoalitionProject

    coalition = factory.SubFactory("tests.factories.accounts.CoalitionFactory")
    title = factory.Sequence(lambda n: f"Regional project {n}")
    description = "Shared sensors along the corridor."
