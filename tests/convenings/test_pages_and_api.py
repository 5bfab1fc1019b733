import pytest
from django.urls import reverse

from citypeers.accounts.enums import MembershipRole
from citypeers.convenings.enums import ConveningState
from tests.factories.accounts import (
    CityOrganisationFactory,
    MembershipFactory,
    UserFactory,
)
from tests.factories.convenings import (
    ConveningFactory,
    DelegateFactory,
    DelegationFactory,
    PartnerDelegateFactory,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def delegation(db):
    return DelegationFactory(convening=ConveningFactory(slug="nola"))


@pytest.fixture
def editor(delegation):
    org = CityOrganisationFactory(jurisdiction=delegation.jurisdiction)
    return MembershipFactory(organisation=org, role=MembershipRole.EDITOR).user


def test_delegation_page_marks_each_rule_met_or_missing(client, delegation, editor):
    DelegateFactory(delegation=delegation)
    DelegateFactory(delegation=delegation)
    client.force_login(editor)
    html = client.get(delegation.get_absolute_url()).content.decode()
    assert 'class="cv-check cv-check--met" data-rule="senior_officials"' in html
    assert 'class="cv-check cv-check--missing" data-rule="partners"' in html
    assert "2 of 3: add 1 more." in html


def test_adding_an_official_through_the_page(client, delegation, editor):
    client.force_login(editor)
    url = reverse(
        "convenings:delegation_add_official",
        kwargs={"slug": "nola", "city": delegation.jurisdiction.slug},
    )
    response = client.post(
        url, {"full_name": "Ana", "email": "ana@city.gov", "is_senior": "on", "version": "1"}
    )
    assert response.status_code == 302
    assert list(delegation.delegates.values_list("full_name", "is_senior")) == [("Ana", True)]


def test_stale_form_shows_the_version_conflict(client, delegation, editor):
    DelegateFactory(delegation=delegation)
    delegation.version = 2
    delegation.save()
    client.force_login(editor)
    url = reverse(
        "convenings:delegation_add_official",
        kwargs={"slug": "nola", "city": delegation.jurisdiction.slug},
    )
    response = client.post(url, {"full_name": "Ana", "email": "ana@city.gov", "version": "1"})
    assert response.status_code == 400
    assert "you started from version 1, it is now at version 2" in response.content.decode()


def test_partner_accepts_from_the_link_signed_in(client, delegation):
    from citypeers.core.tokens import hash_token

    partner_user = UserFactory(email="pat@gulf.org")
    PartnerDelegateFactory(
        delegation=delegation,
        email="pat@gulf.org",
        accepted_at=None,
        token_hash=hash_token("tok"),
        invitation_expires_at="2099-01-01T00:00Z",
    )
    client.force_login(partner_user)
    response = client.post(reverse("convenings:partner_invitation", kwargs={"token": "tok"}))
    assert response.status_code == 302
    assert delegation.delegates.get(email="pat@gulf.org").user == partner_user
    again = client.get(reverse("convenings:partner_invitation", kwargs={"token": "tok"}))
    assert again.status_code == 404


def test_api_delegation_reports_rules(client, delegation, editor):
    DelegateFactory(delegation=delegation)
    client.force_login(editor)
    url = reverse(
        "api:delegation_detail", kwargs={"slug": "nola", "city": delegation.jurisdiction.slug}
    )
    body = client.get(url).json()
    assert [(r["code"], r["status"]) for r in body["rules"]] == [
        ("size", "missing"),
        ("senior_officials", "missing"),
        ("partners", "missing"),
        ("substitutes", "met"),
        ("deadline", "met"),
    ]
    assert body["complete"] is False


def test_api_stale_convening_patch_answers_409(client, db):
    organiser = UserFactory(is_network_organiser=True)
    ConveningFactory(slug="c1", version=3)
    client.force_login(organiser)
    response = client.patch(
        reverse("api:convening_update", kwargs={"slug": "c1"}),
        {"version": 2, "title": "X"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Someone else saved this convening while you were editing: you started from "
        "version 2, it is now at version 3.",
        "current_version": 3,
    }
    assert response.headers["ETag"] == 'W/"3"'


def test_api_transition_refused_answers_400_with_detail(client, db):
    organiser = UserFactory(is_network_organiser=True)
    ConveningFactory(slug="c1", state=ConveningState.DRAFT)
    client.force_login(organiser)
    response = client.post(
        reverse("api:convening_transition", kwargs={"slug": "c1"}),
        {"to_state": "live"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["detail"]) == (
        400,
        "A convening in “Draft” cannot move to “Live”.",
    )
