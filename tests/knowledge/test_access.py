"""The knowledge access helpers and the editor check in its services."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from citypeers.accounts.enums import MembershipRole
from citypeers.core.enums import PublicationStatus
from citypeers.knowledge import selectors, services
from tests.factories.accounts import MembershipFactory
from tests.factories.knowledge import ChallengeStatementFactory, SolutionFactory

pytestmark = pytest.mark.integration


def _refusal(call) -> tuple[type, str]:
    with pytest.raises((Http404, PermissionDenied)) as caught:
        call()
    return caught.type, str(caught.value)


@pytest.fixture
def other_editor(db):
    """An editor of some other city."""
    return MembershipFactory(role=MembershipRole.EDITOR).user


def test_another_citys_draft_statement_reads_as_a_missing_one(city, other_editor):
    draft = ChallengeStatementFactory(jurisdiction=city, status=PublicationStatus.DRAFT)

    refusals = [
        _refusal(lambda: selectors.statement_for_user(other_editor, draft.pk)),
        _refusal(lambda: selectors.statement_for_user(other_editor, 0)),
    ]

    assert refusals == [
        (Http404, "No such challenge statement."),
        (Http404, "No such challenge statement."),
    ]


def test_the_citys_editor_gets_its_draft_statement_to_edit(city, editor):
    draft = ChallengeStatementFactory(jurisdiction=city, status=PublicationStatus.DRAFT)

    assert selectors.statement_for_user(editor, draft.pk, for_edit=True) == draft


def test_another_citys_draft_solution_reads_as_a_missing_one(city, other_editor):
    draft = SolutionFactory(owner=city, status=PublicationStatus.DRAFT)

    refusals = [
        _refusal(lambda: selectors.solution_for_user(other_editor, draft.slug)),
        _refusal(lambda: selectors.solution_for_user(other_editor, "no-such-solution")),
    ]

    assert refusals == [(Http404, "No such solution."), (Http404, "No such solution.")]


def test_a_published_solution_is_not_for_another_city_to_edit(city, other_editor):
    solution = SolutionFactory(owner=city)

    refusal = _refusal(
        lambda: selectors.solution_for_user(other_editor, solution.slug, for_edit=True)
    )

    assert refusal == (PermissionDenied, "Only this city's editors can change its solutions.")


def test_only_the_citys_editors_add_entries_for_it(city, editor, other_editor):
    assert selectors.city_for_new_entries(editor, city) == city
    assert _refusal(lambda: selectors.city_for_new_entries(other_editor, city)) == (
        PermissionDenied,
        "Only this city's editors can add statements and solutions.",
    )


def test_the_update_service_refuses_an_actor_who_does_not_edit_the_city(city, other_editor):
    solution = SolutionFactory(owner=city, title="Before")

    refusal = _refusal(
        lambda: services.update_solution(solution=solution, title="After", actor=other_editor)
    )

    solution.refresh_from_db()
    assert (refusal, solution.title) == (
        (PermissionDenied, "Only this city's editors can change its statements and solutions."),
        "Before",
    )


def test_history_is_for_network_members_only(city):
    statement = ChallengeStatementFactory(jurisdiction=city)

    refusal = _refusal(lambda: selectors.history_for_user(AnonymousUser(), statement))

    assert refusal == (PermissionDenied, "Only network members see the change history.")
