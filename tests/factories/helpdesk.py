import factory

from citypeers.helpdesk.enums import InviteeKind, RequestStatus, RequestVisibility, Urgency
from citypeers.helpdesk.models import Answer, HelpRequest, Invitation
from citypeers.notifications.models import Notification


class HelpRequestFactory(factory.django.DjangoModelFactory):
    """A request as written straight to the table (no history, no notifications); tests of the
    flow call `helpdesk.services` instead."""

    class Meta:
        model = HelpRequest

    jurisdiction = factory.SubFactory("tests.factories.directory.JurisdictionFactory")
    asked_by = factory.SubFactory("tests.factories.accounts.UserFactory")
    title = factory.Sequence(lambda n: f"How do we start question {n}?")
    question = "We need to decide soon and would like to hear from cities that did it."
    area = factory.SubFactory("tests.factories.knowledge.ChallengeAreaFactory")
    urgency = Urgency.MEDIUM
    tried = "A pilot in one district."
    visibility = RequestVisibility.NETWORK
    status = RequestStatus.NEW


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    request = factory.SubFactory(HelpRequestFactory)
    user = factory.SubFactory("tests.factories.accounts.UserFactory")
    kind = InviteeKind.EXPERT
    reasons = factory.LazyFunction(lambda: ["Chosen by the organiser"])


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    request = factory.SubFactory(HelpRequestFactory)
    author = factory.SubFactory("tests.factories.accounts.UserFactory")
    body = "We ran a three-month pilot first and published what we learned."


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory("tests.factories.accounts.UserFactory")
    kind = "helpdesk.invited"
    title = factory.Sequence(lambda n: f"Notice {n}")
    url = "/help/"
