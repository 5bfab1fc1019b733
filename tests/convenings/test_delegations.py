import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from citypeers.accounts.enums import MembershipRole, OrganisationKind
from citypeers.convenings.enums import DelegationStatus
from citypeers.convenings.models import Delegate
from citypeers.convenings.selectors import delegation_checks
from citypeers.convenings.services import delegations as service
from citypeers.core.tokens import hash_token
from tests.factories.accounts import MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.convenings import (
    ConveningFactory,
    DelegateFactory,
    DelegationFactory,
    PartnerDelegateFactory,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def delegation(db):
    return DelegationFactory(convening=ConveningFactory(delegation_deadline=date(2030, 4, 15)))


@pytest.fixture
def editor(delegation):
    from tests.factories.accounts import CityOrganisationFactory

    org = CityOrganisationFactory(jurisdiction=delegation.jurisdiction)
    return MembershipFactory(organisation=org, role=MembershipRole.EDITOR).user


@pytest.fixture
def foundation(db):
    return OrganisationFactory(name="Gulf Foundation", slug="gulf-foundation")


def statuses(delegation):
    return {c.code: c.status for c in delegation_checks(delegation)}


def test_editor_adds_officials_and_the_checklist_follows(delegation, editor):
    service.add_official(
        delegation=delegation, actor=editor, full_name="A", email="a@x.org", is_senior=True
    )
    assert statuses(delegation) == {
        "size": "missing",
        "senior_officials": "missing",
        "partners": "missing",
        "substitutes": "met",
        "deadline": "met",
    }
    service.add_official(
        delegation=delegation, actor=editor, full_name="B", email="b@x.org", is_senior=True
    )
    assert statuses(delegation)["senior_officials"] == "met"
    assert delegation.version == 3


def test_member_without_edit_rights_cannot_add(delegation):
    from tests.factories.accounts import CityOrganisationFactory

    member = MembershipFactory(
        organisation=CityOrganisationFactory(jurisdiction=delegation.jurisdiction)
    ).user
    with pytest.raises(PermissionDenied):
        service.add_official(delegation=delegation, actor=member, full_name="A", email="a@x.org")


def test_the_same_email_cannot_take_two_seats(delegation, editor):
    service.add_official(delegation=delegation, actor=editor, full_name="A", email="a@x.org")
    with pytest.raises(ValidationError) as exc:
        service.add_official(delegation=delegation, actor=editor, full_name="A", email="A@x.org")
    assert exc.value.message_dict == {"email": ["a@x.org is already in this delegation."]}


def test_stale_version_is_refused_naming_both(delegation, editor):
    service.add_official(delegation=delegation, actor=editor, full_name="A", email="a@x.org")
    with pytest.raises(ValidationError) as exc:
        service.add_official(
            delegation=delegation, actor=editor, full_name="B", email="b@x.org", version=1
        )
    assert exc.value.message_dict["version"] == [
        "Someone else saved this delegation while you were editing: you started from "
        "version 1, it is now at version 2."
    ]


def test_partner_invitation_mails_a_one_time_link_and_stores_only_its_hash(
    delegation, editor, foundation
):
    delegate, raw = service.invite_partner(
        delegation=delegation,
        actor=editor,
        full_name="Pat",
        email="pat@gulf.org",
        organisation=foundation,
        relationship="Funds the digital equity plan",
    )
    assert delegate.token_hash == hash_token(raw)
    assert raw not in delegate.token_hash
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    assert link.endswith(reverse("convenings:partner_invitation", kwargs={"token": raw}))
    assert statuses(delegation)["partners"] == "missing"


def test_partner_accepts_with_a_new_account_and_the_link_then_stops_working(
    delegation, editor, foundation
):
    _, raw = service.invite_partner(
        delegation=delegation,
        actor=editor,
        full_name="Pat",
        email="pat@gulf.org",
        organisation=foundation,
        relationship="Funds the plan",
    )
    delegate = service.accept_partner_invitation(
        raw_token=raw, full_name="Pat Partner", password="a long Pass phrase 2030"
    )
    assert (delegate.user.email, delegate.is_confirmed, delegate.token_hash) == (
        "pat@gulf.org",
        True,
        "",
    )
    assert statuses(delegation)["partners"] == "met"
    assert service.delegate_for_token(raw) is None
    with pytest.raises(ValidationError):
        service.accept_partner_invitation(raw_token=raw, user=delegate.user)


def test_partner_signed_in_with_another_address_cannot_accept(delegation, editor, foundation):
    _, raw = service.invite_partner(
        delegation=delegation,
        actor=editor,
        full_name="Pat",
        email="pat@gulf.org",
        organisation=foundation,
        relationship="Funds the plan",
    )
    with pytest.raises(ValidationError):
        service.accept_partner_invitation(raw_token=raw, user=UserFactory(email="x@y.org"))
    assert Delegate.objects.get(email="pat@gulf.org").accepted_at is None


def test_expired_partner_link_opens_nothing(delegation):
    PartnerDelegateFactory(
        delegation=delegation,
        accepted_at=None,
        token_hash=hash_token("old"),
        invitation_expires_at=timezone.now() - timedelta(minutes=1),
    )
    assert service.delegate_for_token("old") is None


def test_partner_must_come_from_a_partner_organisation(delegation, editor):
    city_org = OrganisationFactory(kind=OrganisationKind.COALITION, partner_type="")
    with pytest.raises(ValidationError) as exc:
        service.invite_partner(
            delegation=delegation,
            actor=editor,
            full_name="Pat",
            email="pat@x.org",
            organisation=city_org,
            relationship="Member",
        )
    assert list(exc.value.message_dict) == ["organisation"]


def _complete(delegation):
    DelegateFactory(delegation=delegation)
    DelegateFactory(delegation=delegation)
    PartnerDelegateFactory(delegation=delegation)


def test_submit_refuses_an_incomplete_delegation_naming_what_is_missing(delegation, editor):
    DelegateFactory(delegation=delegation)
    with pytest.raises(ValidationError) as exc:
        service.submit_delegation(delegation=delegation, actor=editor)
    assert exc.value.messages == [
        "Not yet: delegation size, senior city officials, partner from the community."
    ]


def test_submit_then_confirm(delegation, editor):
    organiser = UserFactory(is_network_organiser=True)
    _complete(delegation)
    service.submit_delegation(delegation=delegation, actor=editor)
    confirmed = service.confirm_delegation(delegation=delegation, actor=organiser)
    assert confirmed.status == DelegationStatus.CONFIRMED


def test_changing_a_submitted_delegation_reopens_it(delegation, editor):
    _complete(delegation)
    service.submit_delegation(delegation=delegation, actor=editor)
    service.add_official(
        delegation=delegation, actor=editor, full_name="Sub", email="s@x.org", is_substitute=True
    )
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.INVITED


def test_after_the_deadline_editors_need_an_exception_and_organisers_do_not(db):
    delegation = DelegationFactory(
        convening=ConveningFactory(
            registration_opens_on=date(2020, 1, 1), delegation_deadline=date(2020, 2, 1)
        )
    )
    from tests.factories.accounts import CityOrganisationFactory

    editor = MembershipFactory(
        organisation=CityOrganisationFactory(jurisdiction=delegation.jurisdiction),
        role=MembershipRole.EDITOR,
    ).user
    organiser = UserFactory(is_network_organiser=True)
    with pytest.raises(ValidationError) as exc:
        service.add_official(delegation=delegation, actor=editor, full_name="A", email="a@x.org")
    assert exc.value.messages == [
        "The deadline (1 February 2020) has passed; ask an organiser for an exception."
    ]
    service.add_official(delegation=delegation, actor=organiser, full_name="O", email="o@x.org")
    service.grant_exception(
        delegation=delegation, actor=organiser, rule="deadline", reason="Council vote moved"
    )
    service.add_official(delegation=delegation, actor=editor, full_name="A", email="a@x.org")
    assert delegation.delegates.count() == 2


def test_exception_lets_a_delegation_without_a_partner_submit(delegation, editor):
    organiser = UserFactory(is_network_organiser=True)
    DelegateFactory(delegation=delegation)
    DelegateFactory(delegation=delegation)
    DelegateFactory(delegation=delegation, is_senior=False)
    service.grant_exception(
        delegation=delegation, actor=organiser, rule="partners", reason="Partner fell ill"
    )
    assert service.submit_delegation(delegation=delegation, actor=editor).status == "submitted"


def test_only_organisers_grant_exceptions(delegation, editor):
    with pytest.raises(PermissionDenied):
        service.grant_exception(delegation=delegation, actor=editor, rule="size", reason="x")


def test_csv_export_lists_each_person_and_escapes_formulas(client, delegation):
    organiser = UserFactory(is_network_organiser=True)
    DelegateFactory(delegation=delegation, full_name="=cmd()", email="x@y.org")
    client.force_login(organiser)
    url = reverse("convenings:delegations_csv", kwargs={"slug": delegation.convening.slug})
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode())))
    assert rows[0][:5] == ["city", "state", "delegation_status", "rules_missing", "name"]
    assert rows[1][4:6] == ["'=cmd()", "x@y.org"]
    assert rows[1][3] == "Delegation size; Senior city officials; Partner from the community"


def test_badges_pdf_is_a_pdf(client, delegation):
    DelegateFactory(delegation=delegation)
    client.force_login(UserFactory(is_network_organiser=True))
    response = client.get(
        reverse("convenings:badges_pdf", kwargs={"slug": delegation.convening.slug})
    )
    assert (response.status_code, response.content[:5]) == (200, b"%PDF-")
