import factory

from citypeers.core.enums import PublicationStatus
from citypeers.knowledge.models import (
    ChallengeArea,
    ChallengeStatement,
    Solution,
    SolutionAttachment,
    SolutionLink,
    SolutionOutcome,
)


class ChallengeAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChallengeArea
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"area-{n}")
    name = factory.Sequence(lambda n: f"Area {n}")


class ChallengeStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChallengeStatement

    jurisdiction = factory.SubFactory("tests.factories.directory.JurisdictionFactory")
    area = factory.SubFactory(ChallengeAreaFactory)
    narrative = "Rents rose faster than wages for five years."
    status = PublicationStatus.PUBLISHED


class SolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Solution
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"solution-{n}")
    title = factory.Sequence(lambda n: f"Solution {n}")
    owner = factory.SubFactory("tests.factories.directory.JurisdictionFactory")
    problem = "Too few affordable homes."
    approach = "A land trust with the county."
    status = PublicationStatus.PUBLISHED

    @factory.post_generation
    def challenges(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.challenges.set(extracted)


class SolutionOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SolutionOutcome

    solution = factory.SubFactory(SolutionFactory)
    name = "Homes built"
    baseline = 10
    value = 42
    unit = "homes"


class SolutionLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SolutionLink

    solution = factory.SubFactory(SolutionFactory)
    title = factory.Sequence(lambda n: f"Report {n}")
    url = factory.Sequence(lambda n: f"https://example.org/report-{n}")


class SolutionAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SolutionAttachment

    solution = factory.SubFactory(SolutionFactory)
    title = factory.Sequence(lambda n: f"Evaluation {n}")
    file = factory.django.FileField(filename="evaluation.pdf", data=b"%PDF-1.4 test")
    content_type = "application/pdf"
    size = 13
