"""The workshops access helpers: one 404 for missing and not yours, 403 for see-but-not-change."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from citypeers.accounts.enums import MembershipRole
from citypeers.workshops import selectors
from citypeers.workshops.enums import CohortStatus, WebinarStatus, WorkshopState
from tests.factories.accounts import CityOrganisationFactory, MembershipFactory, UserFactory
from tests.factories.workshops import (
    CohortMemberFactory,
    PreWorkFactory,
    SessionFactory,
    WebinarFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.integration


def _refusal(call) -> tuple[type, str]:
    with pytest.raises((Http404, PermissionDenied)) as caught:
        call()
    return caught.type, str(caught.value)


@pytest.fixture
def member(db):
    return MembershipFactory(role=MembershipRole.MEMBER).user


@pytest.fixture
def organiser(db):
    return UserFactory(is_network_organiser=True)


def test_a_draft_webinar_and_a_missing_one_give_the_same_404(member):
    draft = WebinarFactory(status=WebinarStatus.DRAFT)

    refusals = [
        _refusal(lambda: selectors.webinar_for_user(member, draft.slug)),
        _refusal(lambda: selectors.webinar_for_user(member, "no-such-webinar")),
    ]

    assert refusals == [(Http404, "No such webinar."), (Http404, "No such webinar.")]


def test_an_organiser_gets_a_draft_webinar_to_edit(organiser):
    draft = WebinarFactory(status=WebinarStatus.DRAFT)

    assert selectors.webinar_for_user(organiser, draft.slug, for_edit=True) == draft


def test_a_published_webinar_is_not_for_a_member_to_edit(member):
    webinar = WebinarFactory()

    refusal = _refusal(lambda: selectors.webinar_for_user(member, webinar.slug, for_edit=True))

    assert refusal == (PermissionDenied, "Only network organisers may do this.")


def test_a_workshop_in_planning_and_a_missing_one_give_the_same_404(member):
    planning = WorkshopFactory(state=WorkshopState.PLANNING)

    refusals = [
        _refusal(lambda: selectors.workshop_for_user(member, planning.slug)),
        _refusal(lambda: selectors.workshop_for_user(member, "no-such-workshop")),
    ]

    assert refusals == [(Http404, "No such workshop."), (Http404, "No such workshop.")]


def test_session_notes_for_an_outsider_read_as_a_missing_session(member):
    session = SessionFactory(workshop=WorkshopFactory(state=WorkshopState.RECRUITING))
    workshop = session.workshop

    refusals = [
        _refusal(lambda: selectors.session_notes_for_user(member, workshop, session.pk)),
        _refusal(lambda: selectors.session_notes_for_user(member, workshop, 0)),
    ]

    assert refusals == [(Http404, "No such session."), (Http404, "No such session.")]


def test_an_organiser_reads_the_session_notes(organiser):
    session = SessionFactory()

    found = selectors.session_notes_for_user(organiser, session.workshop, session.pk)

    assert found == session


def test_a_city_editor_gets_its_prework_and_another_city_gets_the_missing_404(db):
    member = CohortMemberFactory(status=CohortStatus.ACCEPTED)
    workshop, city = member.workshop, member.jurisdiction
    prework = PreWorkFactory(workshop=workshop, jurisdiction=city)
    own = CityOrganisationFactory(jurisdiction=city)
    editor = MembershipFactory(organisation=own, role=MembershipRole.EDITOR).user
    outsider = MembershipFactory(role=MembershipRole.EDITOR).user
    empty = CohortMemberFactory(workshop=workshop, status=CohortStatus.ACCEPTED)

    assert selectors.prework_for_user(editor, workshop, city.slug) == prework
    assert [
        _refusal(lambda: selectors.prework_for_user(outsider, workshop, city.slug)),
        _refusal(lambda: selectors.prework_for_user(editor, workshop, empty.jurisdiction.slug)),
    ] == [(Http404, "No such pre-work."), (Http404, "No such pre-work.")]


def test_someone_without_a_registration_gets_a_404(member):
    webinar = WebinarFactory()

    refusal = _refusal(lambda: selectors.registration_for_user(member, webinar))

    assert refusal == (Http404, "You are not registered for this webinar.")
