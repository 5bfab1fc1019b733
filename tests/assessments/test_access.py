"""The assessments access helpers: one 404 for missing and not yours; 403 for an action the
viewer may not take now."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from citypeers.accounts.enums import MembershipRole
from citypeers.assessments import selectors
from tests.factories.accounts import CityOrganisationFactory, MembershipFactory
from tests.factories.assessments import AssessmentFactory, EvidenceItemFactory

pytestmark = pytest.mark.integration


def _refusal(call) -> tuple[type, str]:
    with pytest.raises((Http404, PermissionDenied)) as caught:
        call()
    return caught.type, str(caught.value)


def _person_of(city, role):
    organisation = CityOrganisationFactory(jurisdiction=city)
    return MembershipFactory(organisation=organisation, role=role).user


def test_another_citys_assessment_reads_as_a_missing_one(db):
    assessment = AssessmentFactory()
    outsider = MembershipFactory(role=MembershipRole.EDITOR).user

    refusals = [
        _refusal(lambda: selectors.assessment_for_viewer(outsider, assessment.pk)),
        _refusal(lambda: selectors.assessment_for_viewer(outsider, 0)),
    ]

    assert refusals == [(Http404, "No such assessment."), (Http404, "No such assessment.")]


def test_the_citys_editor_gets_its_open_assessment_to_answer(db):
    assessment = AssessmentFactory()
    editor = _person_of(assessment.jurisdiction, MembershipRole.EDITOR)

    assert selectors.assessment_for_viewer(editor, assessment.pk, for_edit=True) == assessment


def test_a_plain_member_sees_the_assessment_but_may_not_submit_it(db):
    assessment = AssessmentFactory()
    member = _person_of(assessment.jurisdiction, MembershipRole.MEMBER)

    refusal = _refusal(lambda: selectors.assessment_for_viewer(member, assessment.pk, to="submit"))

    assert refusal == (PermissionDenied, "Only the city's editors can submit an open assessment.")


def test_a_plain_member_may_not_remove_evidence(db):
    item = EvidenceItemFactory()
    member = _person_of(item.response.assessment.jurisdiction, MembershipRole.MEMBER)

    refusal = _refusal(lambda: selectors.evidence_for_user(member, item.pk, for_edit=True))

    assert refusal == (PermissionDenied, "Only the city's editors can remove evidence.")


def test_a_city_whose_assessments_are_hidden_reads_as_a_missing_city(db):
    assessment = AssessmentFactory()
    outsider = MembershipFactory(role=MembershipRole.EDITOR).user
    city = assessment.jurisdiction.slug

    refusals = [
        _refusal(lambda: selectors.city_assessments_for_user(outsider, city)),
        _refusal(lambda: selectors.city_assessments_for_user(outsider, "no-such-city")),
    ]

    missing = (Http404, "No assessments to show.")
    assert refusals == [missing, missing]
