import pytest

from citypeers.accounts import services
from citypeers.accounts.enums import MembershipRole
from tests.factories.accounts import (
    ApiTokenFactory,
    CoalitionFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import ChallengeAreaFactory, SolutionFactory

pytestmark = pytest.mark.integration


def test_home_shows_the_numbers(client, db):
    JurisdictionFactory()
    SolutionFactory()
    CoalitionFactory()
    OrganisationFactory()

    context = client.get("/").context

    assert (
        context["jurisdiction_count"],
        context["solution_count"],
        context["coalition_count"],
        context["partner_count"],
    ) == (2, 1, 1, 1)


def test_home_lists_coalitions_by_size(client, db):
    small, big = CoalitionFactory(name="Small"), CoalitionFactory(name="Big")
    for _ in range(2):
        services.add_network_member(organisation=big, jurisdiction=JurisdictionFactory())
    services.add_network_member(organisation=small, jurisdiction=JurisdictionFactory())

    coalitions = client.get("/").context["coalitions"]

    assert [(c.name, c.government_count) for c in coalitions] == [("Big", 2), ("Small", 1)]


@pytest.mark.parametrize("count", [1, 3])
def test_home_query_count_is_constant(client, db, django_assert_num_queries, count):
    area = ChallengeAreaFactory()
    for _ in range(count):
        SolutionFactory(challenges=[area])
        CoalitionFactory()

    with django_assert_num_queries(6):
        response = client.get("/")

    assert response.status_code == 200


def test_about_page_names_the_data_sources(client, db):
    response = client.get("/about/")

    assert response.status_code == 200
    assert b"Population Estimates Program (Vintage 2021, public domain)" in response.content
    assert b"American Community Survey 5-year estimates" in response.content


def test_dashboard_lists_my_organisations(client, db):
    membership = MembershipFactory(
        organisation=OrganisationFactory(name="Fund"), role=MembershipRole.EDITOR
    )
    client.force_login(membership.user)

    context = client.get("/dashboard/").context

    assert [(m.organisation.name, m.role) for m in context["memberships"]] == [
        ("Fund", MembershipRole.EDITOR)
    ]


def test_dashboard_shows_invitations_addressed_to_me(client, db):
    user = UserFactory(email="ann@example.org")
    invitation = InvitationFactory(organisation=OrganisationFactory(), email="ANN@example.org")
    InvitationFactory(organisation=OrganisationFactory(), email="someone@example.org")
    client.force_login(user)

    assert client.get("/dashboard/").context["invitations"] == [invitation]


def test_dashboard_counts_open_invitations_for_admins(client, db):
    membership = MembershipFactory(organisation=OrganisationFactory(), role=MembershipRole.ADMIN)
    InvitationFactory(organisation=membership.organisation)
    InvitationFactory(organisation=membership.organisation)
    client.force_login(membership.user)

    memberships = client.get("/dashboard/").context["memberships"]

    assert [m.pending_invitations for m in memberships] == [2]


def test_dashboard_includes_the_app_panels(client, user):
    client.force_login(user)

    names = {t.name for t in client.get("/dashboard/").templates}

    assert {"workshops/_dashboard_panel.html", "assessments/_dashboard_panel.html"} <= names


def test_dashboard_counts_my_tokens(client, user):
    ApiTokenFactory(user=user)
    client.force_login(user)

    assert client.get("/dashboard/").context["token_count"] == 1


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_query_count_is_constant(client, db, django_assert_num_queries, count):
    user = UserFactory()
    for _ in range(count):
        membership = MembershipFactory(
            user=user, organisation=OrganisationFactory(), role=MembershipRole.ADMIN
        )
        InvitationFactory(organisation=membership.organisation)
        InvitationFactory(organisation=OrganisationFactory(), email=user.email)
    client.force_login(user)

    # session, user, memberships, open-invitation counts, my invitations, token count: 6;
    # the other apps' dashboard panels add theirs (2 when this was written).
    with django_assert_num_queries(8):
        response = client.get("/dashboard/")

    assert response.status_code == 200
