"""Two organisers edit one organisation from the same version: the second save is refused."""

import pytest

from citypeers.accounts import services
from citypeers.accounts.models import Organisation
from citypeers.core.services import StaleEdit
from tests.factories.accounts import CoalitionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_second_stale_organisation_save_is_refused_and_writes_nothing():
    organisation = CoalitionFactory(name="Old name", description="Old words")
    first = Organisation.objects.get(pk=organisation.pk)
    second = Organisation.objects.get(pk=organisation.pk)

    services.update_organisation(organisation=first, name="A's name", expected_version=1)
    with pytest.raises(StaleEdit) as refused:
        services.update_organisation(
            organisation=second, description="B's words", expected_version=1
        )

    organisation.refresh_from_db()
    assert (organisation.name, organisation.description, organisation.version) == (
        "A's name",
        "Old words",
        2,
    )
    assert refused.value.current_version == 2


def test_organisation_saves_without_expected_version_keep_other_fields():
    organisation = CoalitionFactory(name="Old name", description="Old words")
    first = Organisation.objects.get(pk=organisation.pk)
    second = Organisation.objects.get(pk=organisation.pk)

    services.update_organisation(organisation=first, name="A's name")
    services.update_organisation(organisation=second, description="B's words")

    organisation.refresh_from_db()
    assert (organisation.name, organisation.description, organisation.version) == (
        "A's name",
        "B's words",
        3,
    )


def test_stale_organisation_form_post_shows_both_versions_and_keeps_typed_values(client):
    organisation = CoalitionFactory(name="Old name", website="", description="Old words")
    services.update_organisation(
        organisation=Organisation.objects.get(pk=organisation.pk), name="A's name"
    )
    client.force_login(UserFactory(is_network_organiser=True))

    response = client.post(
        f"/accounts/organisations/{organisation.slug}/edit/",
        {"name": "B's name", "website": "", "description": "Old words", "version": "1"},
    )

    organisation.refresh_from_db()
    assert (response.status_code, organisation.name, organisation.version) == (400, "A's name", 2)
    assert [(d.label, d.theirs, d.yours) for d in response.context["stale"]["differences"]] == [
        ("Name", "A's name", "B's name")
    ]
    form = response.context["form"]
    assert (form["name"].value(), form["version"].value()) == ("B's name", "2")
    assert (
        "Someone else saved this organisation while you were editing" in response.content.decode()
    )
