import datetime as dt

import factory

from citypeers.coalitions.enums import ReplicationStage, ReplicationVisibility
from citypeers.coalitions.models import (
    BarrierKind,
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
