"""The replication ledger's access helpers for questions and new records."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from citypeers.accounts.enums import MembershipRole
from citypeers.coalitions import selectors
from tests.factories.accounts import CityOrganisationFactory, MembershipFactory, UserFactory
from tests.factories.coalitions import ReplicationQuestionFactory
from tests.factories.knowledge import SolutionFactory

pytestmark = pytest.mark.integration


def _refusal(call) -> tuple[type, str]:
    with pytest.raises((Http404, PermissionDenied)) as caught:
        call()
    return caught.type, str(caught.value)


def test_a_question_on_a_hidden_record_reads_as_a_missing_question(db):
    question = ReplicationQuestionFactory()
    outsider = UserFactory()

    refusals = [
        _refusal(lambda: selectors.question_for_answering(outsider, question.pk)),
        _refusal(lambda: selectors.question_for_answering(outsider, 0)),
    ]

    assert refusals == [(Http404, "No such question."), (Http404, "No such question.")]


def test_the_origin_citys_editor_gets_the_question_to_answer(db):
    question = ReplicationQuestionFactory()
    origin = CityOrganisationFactory(jurisdiction=question.replication.solution.owner)
    editor = MembershipFactory(organisation=origin, role=MembershipRole.EDITOR).user

    assert selectors.question_for_answering(editor, question.pk) == question


def test_only_editors_of_another_city_may_record_a_replication(db):
    solution = SolutionFactory()
    own = CityOrganisationFactory(jurisdiction=solution.owner)
    owner_editor = MembershipFactory(organisation=own, role=MembershipRole.EDITOR).user

    refusal = _refusal(lambda: selectors.adopters_for_user(owner_editor, solution))

    assert refusal == (PermissionDenied, "Only editors of another city can record a replication.")
