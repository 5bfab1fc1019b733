"""Factories for assessments. Frameworks come from the shipped YAML through the load service."""

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from citypeers.assessments.engine.loader import load_file
from citypeers.assessments.enums import EvidenceKind, EvidenceVisibility
from citypeers.assessments.frameworks import DIRECTORY
from citypeers.assessments.models import (
    Assessment,
    Certification,
    ConversationRequest,
    EvidenceItem,
    Resource,
    Response,
    Reviewer,
)
from citypeers.assessments.services import load_framework_data

DEFAULT_FILE = DIRECTORY / "city-data-practices-2025.1.yaml"
MATURITY_FILE = DIRECTORY / "data-maturity-ladder-2025.1.yaml"


_PARSED: dict = {}


def _load(path):
    # Parsing once per test run keeps each test's world cheap; loading stays idempotent.
    if path not in _PARSED:
        _PARSED[path] = load_file(path)
    spec, data = _PARSED[path]
    return load_framework_data(spec=spec, data=data).version


def default_version():
    """The shipped default framework version, loaded (idempotently) into the test database."""
    return _load(DEFAULT_FILE)


def maturity_version():
    return _load(MATURITY_FILE)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    jurisdiction = factory.SubFactory("tests.factories.directory.JurisdictionFactory")
    version = factory.LazyFunction(default_version)
    cycle = 2025


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    assessment = factory.SubFactory(AssessmentFactory)
    criterion = factory.LazyAttribute(lambda o: o.assessment.version.criteria.get(key="od-policy"))
    met = True


class EvidenceItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvidenceItem

    response = factory.SubFactory(ResponseFactory)
    kind = EvidenceKind.URL
    url = "https://example.org/policy"
    title = "Open data policy"
    visibility = EvidenceVisibility.REVIEWERS


class FileEvidenceFactory(EvidenceItemFactory):
    kind = EvidenceKind.FILE
    url = ""
    title = "Minutes"
    content_type = "application/pdf"
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 test", name="minutes.pdf"))
    size = 13


class ReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reviewer

    user = factory.SubFactory("tests.factories.accounts.UserFactory")


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    slug = factory.Sequence(lambda n: f"resource-{n}")
    title = factory.Sequence(lambda n: f"Resource {n}")


class ConversationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConversationRequest

    from_jurisdiction = factory.SubFactory("tests.factories.directory.JurisdictionFactory")
    to_jurisdiction = factory.SubFactory("tests.factories.directory.JurisdictionFactory")
    criterion = factory.LazyFunction(lambda: default_version().criteria.get(key="od-policy"))


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    jurisdiction = factory.SubFactory("tests.factories.directory.JurisdictionFactory")
    assessment = factory.SubFactory(
        AssessmentFactory, jurisdiction=factory.SelfAttribute("..jurisdiction")
    )
    framework_title = "City data practices"
    version_label = "2025.1"
    cycle = 2025
    level_key = "silver"
    level_title = "Silver"
    granted_at = factory.LazyFunction(timezone.now)
