from datetime import UTC, date, datetime, timedelta

import factory
from django.utils import timezone

from citypeers.convenings.enums import (
    ConveningState,
    DelegateKind,
    DelegationStatus,
    ProposalStatus,
    SessionFormat,
)
from citypeers.convenings.models import (
    AgendaItem,
    Commitment,
    Convening,
    Delegate,
    Delegation,
    Placement,
    ProposalReview,
    ProposalVote,
    Room,
    SessionProposal,
    SessionSpeaker,
    TimeSlot,
    Timetable,
    Tour,
)


class ConveningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Convening

    slug = factory.Sequence(lambda n: f"convening-{n}")
    title = factory.Sequence(lambda n: f"Peer convening {n}")
    host = factory.SubFactory("tests.factories.directory.JurisdictionFactory")
    summary = "Cities share what they tried."
    starts_on = date(2030, 5, 10)
    ends_on = date(2030, 5, 12)
    time_zone = "America/Chicago"
    registration_opens_on = date(2030, 1, 15)
    delegation_deadline = date(2030, 4, 15)
    state = ConveningState.OPEN


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    convening = factory.SubFactory(ConveningFactory)
    name = factory.Sequence(lambda n: f"Room {n}")
    capacity = 40


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    convening = factory.SubFactory(ConveningFactory)
    jurisdiction = factory.SubFactory("tests.factories.directory.JurisdictionFactory")
    status = DelegationStatus.INVITED


class DelegateFactory(factory.django.DjangoModelFactory):
    """A confirmed, senior city official unless told otherwise."""

    class Meta:
        model = Delegate

    delegation = factory.SubFactory(DelegationFactory)
    full_name = factory.Sequence(lambda n: f"Delegate {n}")
    email = factory.Sequence(lambda n: f"delegate{n}@example.org")
    job_title = "Chief innovation officer"
    kind = DelegateKind.OFFICIAL
    is_senior = True
    accepted_at = factory.LazyFunction(timezone.now)


class PartnerDelegateFactory(DelegateFactory):
    kind = DelegateKind.PARTNER
    is_senior = False
    job_title = "Programme director"
    organisation = factory.SubFactory("tests.factories.accounts.OrganisationFactory")
    relationship = "Funds the city's digital equity plan"


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    delegation = factory.SubFactory(DelegationFactory)
    title = factory.Sequence(lambda n: f"Pilot idea {n}")
    owner_name = "Ana Owner"
    owner_email = factory.Sequence(lambda n: f"owner{n}@example.org")
    due_on = date(2031, 5, 1)


class TourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tour

    convening = factory.SubFactory(ConveningFactory)
    title = factory.Sequence(lambda n: f"Neighbourhood tour {n}")
    starts_at = factory.LazyFunction(lambda: datetime(2030, 5, 11, 14, 0, tzinfo=UTC))
    capacity = 20
    per_delegation = 1


class SessionProposalFactory(factory.django.DjangoModelFactory):
    """A proposed panel; pass `status=ProposalStatus.ACCEPTED` for one in the programme."""

    class Meta:
        model = SessionProposal

    convening = factory.SubFactory(ConveningFactory)
    title = factory.Sequence(lambda n: f"Session idea {n}")
    format = SessionFormat.PANEL
    description = "What cities tried and what they learnt."
    proposer = factory.SubFactory("tests.factories.accounts.UserFactory")
    status = ProposalStatus.PROPOSED


class SessionSpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionSpeaker

    proposal = factory.SubFactory(SessionProposalFactory)
    delegate = factory.SubFactory(DelegateFactory)


class ProposalVoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposalVote

    proposal = factory.SubFactory(SessionProposalFactory)
    voter = factory.SubFactory("tests.factories.accounts.UserFactory")


class ProposalReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposalReview

    proposal = factory.SubFactory(SessionProposalFactory)
    reviewer = factory.SubFactory("tests.factories.accounts.UserFactory", is_network_organiser=True)
    relevance = 4
    feasibility = 3


class TimeSlotFactory(factory.django.DjangoModelFactory):
    """One-hour slots on the convening's first day, an hour apart, from 14:00 UTC."""

    class Meta:
        model = TimeSlot

    convening = factory.SubFactory(ConveningFactory)
    starts_at = factory.Sequence(
        lambda n: datetime(2030, 5, 10, 14, 0, tzinfo=UTC) + timedelta(hours=n)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))


class TimetableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Timetable

    convening = factory.SubFactory(ConveningFactory)


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    proposal = factory.SubFactory(SessionProposalFactory, status=ProposalStatus.ACCEPTED)
    room = factory.SubFactory(RoomFactory)
    slot = factory.SubFactory(TimeSlotFactory)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    user = factory.SubFactory("tests.factories.accounts.UserFactory")
    proposal = factory.SubFactory(SessionProposalFactory, status=ProposalStatus.ACCEPTED)
