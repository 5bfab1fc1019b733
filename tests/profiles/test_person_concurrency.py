"""Two editors change one contact on a profile: the second save, made from the version both
read, is refused and shows the other edit; nothing is lost."""

import pytest
from django.urls import reverse

from citypeers.accounts.enums import MembershipRole
from citypeers.core.services import StaleEdit
from citypeers.directory.models import ProfilePerson
from citypeers.profiles import services
from tests.factories.accounts import CityOrganisationFactory, MembershipFactory
from tests.factories.directory import JurisdictionFactory, ProfilePersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    city = JurisdictionFactory()
    organisation = CityOrganisationFactory(jurisdiction=city)
    return MembershipFactory(organisation=organisation, role=MembershipRole.EDITOR).user, city


def test_a_stale_contact_save_is_refused_and_writes_nothing(editor):
    user, city = editor
    person = ProfilePersonFactory(jurisdiction=city, name="Ana Ruiz", title="CIO")
    a, b = ProfilePerson.objects.get(pk=person.pk), ProfilePerson.objects.get(pk=person.pk)
    services.update_person(person=a, actor=user, name="Ana Ruiz", title="CDO", expected_version=1)

    with pytest.raises(StaleEdit):
        services.update_person(
            person=b, actor=user, name="Ana Ruiz", title="CIO", phone="555", expected_version=1
        )

    person.refresh_from_db()
    assert (person.title, person.phone, person.version) == ("CDO", "", 2)


def test_the_contact_form_shows_the_other_edit(client, editor):
    user, city = editor
    person = ProfilePersonFactory(jurisdiction=city, name="Ana Ruiz", title="CIO")
    ProfilePerson.objects.filter(pk=person.pk).update(title="Chief data officer", version=2)
    client.force_login(user)
    url = reverse("profiles:person_edit", kwargs={"slug": city.slug, "pk": person.pk})

    page = client.post(
        url,
        {"name": "Ana Ruiz", "title": "CIO", "email": "", "phone": "", "order": 0, "version": 1},
    ).content.decode()

    assert "Chief data officer" in page
    assert ProfilePerson.objects.get(pk=person.pk).title == "Chief data officer"
