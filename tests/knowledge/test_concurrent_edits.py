"""Two people editing different fields of one entry at once: both changes are kept.

Each "request" loads its own copy of the row before either saves, as two API calls racing
would; services save only the fields they change.
"""

import pytest

from citypeers.knowledge import services
from citypeers.knowledge.models import ChallengeStatement, Solution
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import ChallengeStatementFactory, SolutionFactory

pytestmark = pytest.mark.django_db


def test_two_patches_to_different_fields_of_a_solution_both_stick():
    solution = SolutionFactory(title="Old title", problem="Old problem")
    first = Solution.objects.get(pk=solution.pk)
    second = Solution.objects.get(pk=solution.pk)

    services.update_solution(solution=first, title="New title")
    services.update_solution(solution=second, problem="New problem")

    solution.refresh_from_db()
    assert (solution.title, solution.problem) == ("New title", "New problem")


def test_two_patches_to_different_fields_of_a_statement_both_stick():
    statement = ChallengeStatementFactory(
        jurisdiction=JurisdictionFactory(), narrative="Old words", source_note="Old note"
    )
    first = ChallengeStatement.objects.get(pk=statement.pk)
    second = ChallengeStatement.objects.get(pk=statement.pk)

    services.update_statement(statement=first, narrative="New words")
    services.update_statement(statement=second, source_note="New note")

    statement.refresh_from_db()
    assert (statement.narrative, statement.source_note) == ("New words", "New note")


def test_two_api_patches_to_different_fields_both_stick(client):
    from citypeers.accounts.enums import MembershipRole
    from tests.factories.accounts import CityOrganisationFactory, MembershipFactory

    city = JurisdictionFactory()
    solution = SolutionFactory(owner=city, title="Old title", problem="Old problem")
    editor = MembershipFactory(
        organisation=CityOrganisationFactory(jurisdiction=city), role=MembershipRole.EDITOR
    ).user
    client.force_login(editor)
    url = f"/api/v1/solutions/{solution.slug}"

    answers = [
        client.patch(url, {"title": "New title"}, content_type="application/json").status_code,
        client.patch(url, {"problem": "New problem"}, content_type="application/json").status_code,
    ]

    solution.refresh_from_db()
    assert (answers, solution.title, solution.problem) == ([200, 200], "New title", "New problem")
