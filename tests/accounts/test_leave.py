import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from citypeers.accounts import services
from citypeers.accounts.enums import MembershipRole
from citypeers.accounts.models import Membership
from citypeers.accounts.permissions import is_member_of_organisation
from tests.factories.accounts import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.integration


def _messages(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


def _bearer(user) -> dict:
    _, raw = services.create_api_token(user=user, name="test")
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def fund(db):
    return OrganisationFactory(slug="fund", name="Fund")


@pytest.fixture
def admin(fund):
    return MembershipFactory(organisation=fund, role=MembershipRole.ADMIN).user


# Service


def test_leave_organisation_ends_the_membership(fund):
    membership = MembershipFactory(organisation=fund, role=MembershipRole.EDITOR)
    user = membership.user
    assert is_member_of_organisation(user, fund)

    services.leave_organisation(user=user, organisation=fund)

    assert Membership.objects.filter(pk=membership.pk).exists() is False
    assert is_member_of_organisation(user, fund) is False


def test_leave_organisation_keeps_a_history_record_by_the_leaver(fund):
    membership = MembershipFactory(organisation=fund)

    services.leave_organisation(user=membership.user, organisation=fund)

    last = Membership.history.filter(id=membership.pk).order_by("history_id").last()
    assert (last.history_type, last.history_user, last.history_change_reason, last.role) == (
        "-",
        membership.user,
        "Left the organisation",
        MembershipRole.MEMBER,
    )


def test_leave_organisation_refuses_the_last_admin(fund, admin):
    MembershipFactory(organisation=fund, role=MembershipRole.EDITOR)

    with pytest.raises(ValidationError) as error:
        services.leave_organisation(user=admin, organisation=fund)

    assert error.value.messages == [
        "You are the last administrator of Fund: make someone else an administrator before "
        "you leave."
    ]
    assert Membership.objects.filter(user=admin, organisation=fund).exists() is True


def test_leave_organisation_lets_an_admin_go_when_another_remains(fund, admin):
    MembershipFactory(organisation=fund, role=MembershipRole.ADMIN)

    services.leave_organisation(user=admin, organisation=fund)

    assert Membership.objects.filter(user=admin, organisation=fund).exists() is False


def test_leave_organisation_refuses_a_non_member(fund, user):
    with pytest.raises(ValidationError) as error:
        services.leave_organisation(user=user, organisation=fund)

    assert error.value.messages == ["You are not a member of Fund."]


# Web


def test_organisation_page_offers_leaving_to_members_only(client, fund, admin):
    member = MembershipFactory(organisation=fund).user
    organiser = UserFactory(is_network_organiser=True)

    pages = {}
    for who in (member, organiser):
        client.force_login(who)
        pages[who] = client.get("/accounts/organisations/fund/").content.decode()

    assert pages[member].count('href="/accounts/organisations/fund/leave/"') == 1
    assert pages[organiser].count('href="/accounts/organisations/fund/leave/"') == 0


def test_leave_page_asks_for_confirmation(client, fund, admin):
    member = MembershipFactory(organisation=fund).user
    client.force_login(member)

    response = client.get("/accounts/organisations/fund/leave/")

    assert response.status_code == 200
    assert response.context["last_admin"] is False
    assert "Leave Fund</button>" in response.content.decode()
    assert Membership.objects.filter(user=member, organisation=fund).exists() is True


def test_leave_page_tells_the_last_admin_to_promote_someone(client, fund, admin):
    client.force_login(admin)

    response = client.get("/accounts/organisations/fund/leave/")

    html = response.content.decode()
    assert response.context["last_admin"] is True
    assert "make someone else an administrator" in html
    assert "Leave Fund</button>" not in html


def test_leave_by_post_leaves_and_returns_to_the_organisation(client, fund, admin):
    member = MembershipFactory(organisation=fund).user
    client.force_login(member)

    response = client.post("/accounts/organisations/fund/leave/")

    assert (response.status_code, response["Location"]) == (302, "/accounts/organisations/fund/")
    assert _messages(response) == ["You have left Fund."]
    assert Membership.objects.filter(user=member, organisation=fund).exists() is False


def test_leave_by_post_as_the_last_admin_is_refused_with_the_reason(client, fund, admin):
    client.force_login(admin)

    response = client.post("/accounts/organisations/fund/leave/")

    assert response.status_code == 400
    assert response.context["error"] == (
        "You are the last administrator of Fund: make someone else an administrator before "
        "you leave."
    )
    assert Membership.objects.filter(user=admin, organisation=fund).exists() is True


def test_leave_page_for_a_non_member_is_404(client, fund, user):
    client.force_login(user)

    response = client.post("/accounts/organisations/fund/leave/")

    assert response.status_code == 404


def test_leave_by_post_needs_the_csrf_token(fund, admin):
    member = MembershipFactory(organisation=fund).user
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)

    response = browser.post("/accounts/organisations/fund/leave/")

    assert response.status_code == 403
    assert Membership.objects.filter(user=member, organisation=fund).exists() is True


# API


def test_leave_by_api_is_204(client, fund, admin):
    member = MembershipFactory(organisation=fund).user

    response = client.delete("/api/v1/organisations/fund/membership", headers=_bearer(member))

    assert (response.status_code, response.content) == (204, b"")
    assert Membership.objects.filter(user=member, organisation=fund).exists() is False


def test_leave_by_api_for_a_non_member_is_404(client, fund, user):
    response = client.delete("/api/v1/organisations/fund/membership", headers=_bearer(user))

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


def test_leave_by_api_for_a_missing_organisation_is_404(client, user):
    response = client.delete("/api/v1/organisations/nope/membership", headers=_bearer(user))

    assert response.status_code == 404


def test_leave_by_api_as_the_last_admin_is_409(client, fund, admin):
    response = client.delete("/api/v1/organisations/fund/membership", headers=_bearer(admin))

    assert (response.status_code, response.json()) == (
        409,
        {
            "detail": "You are the last administrator of Fund: make someone else an administrator "
            "before you leave."
        },
    )
    assert Membership.objects.filter(user=admin, organisation=fund).exists() is True


def test_leave_by_api_without_credentials_is_401(client, fund):
    response = client.delete("/api/v1/organisations/fund/membership")

    assert response.status_code == 401


def test_leave_by_api_documents_the_409(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    responses = paths["/api/v1/organisations/{slug}/membership"]["delete"]["responses"]
    assert sorted(responses) == ["204", "400", "401", "403", "404", "409", "422", "429"]
    assert responses["409"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ConflictOut"
    }
