from datetime import UTC, date, datetime, timedelta

import factory
from django.utils import timezone

from citypeers.workshops.enums import (
    Attribution,
    CohortStatus,
    ContributorRole,
    InsightAudience,
    InsightState,
    RegistrationStatus,
    StatementKind,
    WebinarStatus,
    WorkshopState,
)
from citypeers.workshops.models import (
    CohortMember,
    Contributor,
    Insight,
    PreWork,
    Registration,
    Session,
    Statement,
    Webinar,
    Workshop,
)


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"workshop-{n}")
    title = factory.Sequence(lambda n: f"Workshop {n}")
    area = factory.SubFactory("tests.factories.knowledge.ChallengeAreaFactory")
    purpose = "Learn from each other how to keep homes affordable."
    starts_on = date(2030, 3, 2)
    ends_on = date(2030, 3, 30)
    time_zone = "America/Chicago"
    state = WorkshopState.RECRUITING
    cohort_min = 2
    cohort_max = 4


class CohortMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CohortMember

    workshop = factory.SubFactory(WorkshopFactory)
    jurisdiction = factory.SubFactory("tests.factories.directory.JurisdictionFactory")
    status = CohortStatus.ACCEPTED


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    workshop = factory.SubFactory(WorkshopFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    agenda = "1. Introductions\n2. What we tried"
    starts_at = datetime(2030, 3, 2, 15, 0, tzinfo=UTC)
    ends_at = datetime(2030, 3, 2, 17, 0, tzinfo=UTC)
    video_url = "https://video.example/room"


class ContributorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contributor

    workshop = factory.SubFactory(WorkshopFactory)
    role = ContributorRole.SPEAKER
    user = factory.SubFactory("tests.factories.accounts.UserFactory")
    topic = "Community land trusts"


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    session = factory.SubFactory(SessionFactory)
    kind = StatementKind.APPROACH
    text = "We pooled county land into a trust."
    attribution = Attribution.UNATTRIBUTED


class PreWorkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PreWork

    workshop = factory.SubFactory(WorkshopFactory)
    jurisdiction = factory.SubFactory("tests.factories.directory.JurisdictionFactory")
    challenge = "Rents rose 40 % in five years."
    tried = "Inclusionary zoning."
    worked = "120 units in two years."
    barriers = "Developer push-back."


class InsightFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Insight
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"insight-{n}")
    title = factory.Sequence(lambda n: f"Insight {n}")
    area = factory.SubFactory("tests.factories.knowledge.ChallengeAreaFactory")
    challenge = "Keeping homes affordable as rents rise."
    steps = ["Map public land", "Set up the trust"]
    metrics = ["Units kept affordable"]
    criteria_codes = ["PM-1"]
    tags = ["land trust"]
    state = InsightState.PUBLISHED
    audience = InsightAudience.PUBLIC
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def evidence_cities(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.evidence_cities.set(extracted)


class WebinarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Webinar

    slug = factory.Sequence(lambda n: f"webinar-{n}")
    title = factory.Sequence(lambda n: f"Webinar {n}")
    description = "How to start a land trust."
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    capacity = 100
    status = WebinarStatus.PUBLISHED
    video_url = "https://video.example/webinar"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    webinar = factory.SubFactory(WebinarFactory)
    user = factory.SubFactory("tests.factories.accounts.UserFactory")
    status = RegistrationStatus.CONFIRMED
