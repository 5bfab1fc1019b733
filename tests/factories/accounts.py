import factory

from citypeers.accounts.enums import MembershipRole, OrganisationKind
from citypeers.accounts.models import Membership, Organisation, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = OrganisationKind.PARTNER


class CityOrganisationFactory(OrganisationFactory):
    """The local-government organisation that runs a directory entry."""

    kind = OrganisationKind.LOCAL_GOVERNMENT
    jurisdiction = factory.SubFactory("tests.factories.directory.JurisdictionFactory")
    name = factory.LazyAttribute(lambda o: f"City of {o.jurisdiction.name}")
    slug = factory.LazyAttribute(lambda o: f"city-of-{o.jurisdiction.slug}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(CityOrganisationFactory)
    role = MembershipRole.MEMBER
