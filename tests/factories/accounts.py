from datetime import timedelta

import factory
from django.utils import timezone

from citypeers.accounts.enums import MembershipRole, OrganisationKind, PartnerType
from citypeers.accounts.models import ApiToken, Invitation, Membership, Organisation, User
from citypeers.core.tokens import hash_token, new_token


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
    partner_type = PartnerType.FOUNDATION


class CoalitionFactory(OrganisationFactory):
    kind = OrganisationKind.COALITION
    partner_type = ""
    name = factory.Sequence(lambda n: f"Coalition {n}")
    slug = factory.Sequence(lambda n: f"coalition-{n}")


class CityOrganisationFactory(OrganisationFactory):
    """The local-government organisation that runs a directory entry."""

    kind = OrganisationKind.LOCAL_GOVERNMENT
    partner_type = ""
    jurisdiction = factory.SubFactory("tests.factories.directory.JurisdictionFactory")
    name = factory.LazyAttribute(lambda o: f"City of {o.jurisdiction.name}")
    slug = factory.LazyAttribute(lambda o: f"city-of-{o.jurisdiction.slug}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(CityOrganisationFactory)
    role = MembershipRole.MEMBER


class InvitationFactory(factory.django.DjangoModelFactory):
    """A pending invitation. Its raw token is unknown: use the service when a test needs it."""

    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    organisation = factory.SubFactory(CityOrganisationFactory)
    role = MembershipRole.MEMBER
    token_hash = factory.LazyFunction(lambda: hash_token(new_token()))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    sent_at = factory.LazyFunction(timezone.now)


class ApiTokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Token {n}")
    prefix = "cp_test"
    token_hash = factory.LazyFunction(lambda: hash_token(new_token()))
