"""Two people edit one entry from the same version: the second save is refused, not merged.

Each "editor" loads their own copy before either saves. The service refuses a stale copy with
StaleEdit and writes nothing; the form shows both versions and keeps what was typed; the API
answers 409.
"""

import pytest
from django.urls import reverse

from citypeers.core.services import StaleEdit
from citypeers.knowledge import services
from citypeers.knowledge.models import ChallengeArea, ChallengeStatement, Solution
from tests.factories.knowledge import ChallengeStatementFactory, SolutionFactory

pytestmark = pytest.mark.django_db


def _area(slug):
    return ChallengeArea.objects.get(slug=slug)


# --- services ---------------------------------------------------------------------------------


def test_second_stale_save_of_a_solution_is_refused_and_writes_nothing():
    solution = SolutionFactory(title="Old title", problem="Old problem")
    first = Solution.objects.get(pk=solution.pk)
    second = Solution.objects.get(pk=solution.pk)

    services.update_solution(solution=first, title="A's title", expected_version=1)
    with pytest.raises(StaleEdit) as refused:
        services.update_solution(solution=second, problem="B's problem", expected_version=1)

    solution.refresh_from_db()
    assert (solution.title, solution.problem, solution.version) == ("A's title", "Old problem", 2)
    assert (refused.value.current.version, refused.value.expected_version) == (2, 1)
    assert refused.value.messages == [
        "Someone else saved this solution while you were editing: you started from version 1, "
        "it is now at version 2."
    ]
    assert solution.history.count() == 2


def test_stale_solution_save_leaves_related_rows_alone(taxonomy):
    solution = SolutionFactory(challenges=[_area("tree-canopy")])
    stale = Solution.objects.get(pk=solution.pk)
    services.update_solution(solution=solution, title="Newer")

    with pytest.raises(StaleEdit):
        services.update_solution(
            solution=stale,
            challenges=[_area("urban-heat-island")],
            links=[services.LinkData("Map", "https://example.org/map")],
            expected_version=1,
        )

    assert ([a.slug for a in solution.challenges.all()], solution.links.count()) == (
        ["tree-canopy"],
        0,
    )


def test_updates_without_expected_version_still_bump_the_version():
    solution = SolutionFactory()
    services.update_solution(solution=solution, title="One")
    services.update_solution(solution=Solution.objects.get(pk=solution.pk), title="Two")

    solution.refresh_from_db()
    assert (solution.title, solution.version) == ("Two", 3)


def test_second_stale_save_of_a_statement_is_refused(city, taxonomy):
    statement = ChallengeStatementFactory(jurisdiction=city, narrative="Old words")
    first = ChallengeStatement.objects.get(pk=statement.pk)
    second = ChallengeStatement.objects.get(pk=statement.pk)

    services.update_statement(statement=first, narrative="A's words", expected_version=1)
    with pytest.raises(StaleEdit) as refused:
        services.update_statement(statement=second, source_note="B's note", expected_version=1)

    statement.refresh_from_db()
    assert (statement.narrative, statement.source_note, statement.version) == ("A's words", "", 2)
    assert refused.value.current.narrative == "A's words"


# --- HTML forms -------------------------------------------------------------------------------


def _solution_post(solution, **extra):
    data = {
        "title": solution.title,
        "challenges": [a.pk for a in solution.challenges.all()],
        "problem": solution.problem,
        "approach": solution.approach,
        "cost_band": solution.cost_band,
        "started_on": "",
        "solution_status": solution.solution_status,
        "evidence_level": solution.evidence_level,
        "source_note": solution.source_note,
        "status": solution.status,
        "version": "1",
        "outcomes-TOTAL_FORMS": "0",
        "outcomes-INITIAL_FORMS": "0",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
    }
    return {**data, **extra}


def test_solution_edit_form_carries_the_version(editor_client, city, taxonomy):
    solution = SolutionFactory(owner=city, challenges=[_area("tree-canopy")])
    services.update_solution(solution=solution, title="Second version")

    response = editor_client.get(reverse("knowledge:solution-edit", args=[solution.slug]))

    assert response.context["form"]["version"].value() == 2
    assert b'<input type="hidden" name="version" value="2"' in response.content


def test_stale_solution_form_post_shows_both_versions_and_keeps_typed_values(
    editor_client, city, taxonomy
):
    solution = SolutionFactory(owner=city, title="Old title", challenges=[_area("tree-canopy")])
    data = _solution_post(solution)  # editor B opens the form at version 1
    services.update_solution(
        solution=Solution.objects.get(pk=solution.pk), title="A's title", expected_version=1
    )

    response = editor_client.post(
        reverse("knowledge:solution-edit", args=[solution.slug]),
        {**data, "title": "B's title", "problem": "B's problem"},
    )

    solution.refresh_from_db()
    stale = response.context["stale"]
    assert (response.status_code, solution.title, solution.problem, solution.version) == (
        200,
        "A's title",
        data["problem"],
        2,
    )
    assert [(d.label, d.theirs, d.yours) for d in stale["differences"]] == [
        ("Title", "A's title", "B's title"),
        ("Problem", data["problem"], "B's problem"),
    ]
    form = response.context["form"]
    assert (form["title"].value(), form["problem"].value(), form["version"].value()) == (
        "B's title",
        "B's problem",
        "2",
    )
    assert "Someone else saved this solution while you were editing" in response.content.decode()


def test_resubmitting_after_a_stale_warning_saves(editor_client, city, taxonomy):
    solution = SolutionFactory(owner=city, challenges=[_area("tree-canopy")])
    services.update_solution(solution=solution, title="A's title")

    response = editor_client.post(
        reverse("knowledge:solution-edit", args=[solution.slug]),
        _solution_post(solution, title="B's title", version="2"),
    )

    solution.refresh_from_db()
    assert (response.status_code, solution.title, solution.version) == (302, "B's title", 3)


def test_stale_statement_form_post_shows_both_versions(editor_client, city, taxonomy):
    statement = ChallengeStatementFactory(
        jurisdiction=city,
        area=_area("urban-heat-island"),
        priority="medium",
        narrative="Summer surface temperatures are far above average.",
        status="published",
    )
    services.update_statement(
        statement=ChallengeStatement.objects.get(pk=statement.pk),
        priority="high",
        expected_version=1,
    )

    response = editor_client.post(
        reverse("knowledge:statement-edit", args=[statement.pk]),
        {
            "area": statement.area_id,
            "priority": "low",
            "status": "published",
            "narrative": "Summer surface temperatures are far above average.",
            "source_note": "",
            "version": "1",
        },
    )

    statement.refresh_from_db()
    assert (response.status_code, statement.priority, statement.version) == (200, "high", 2)
    assert [(d.label, d.theirs, d.yours) for d in response.context["stale"]["differences"]] == [
        ("Priority", "High", "Low")
    ]
    assert response.context["form"]["priority"].value() == "low"


# --- API --------------------------------------------------------------------------------------


def test_solution_detail_carries_etag_and_version(editor_client, city):
    solution = SolutionFactory(owner=city, status="published")

    response = editor_client.get(f"/api/v1/solutions/{solution.slug}")

    assert (response.headers["ETag"], response.json()["version"]) == ('W/"1"', 1)


def test_stale_api_patch_with_if_match_answers_409(editor_client, city):
    solution = SolutionFactory(owner=city, title="Old title", problem="Old problem")
    url = f"/api/v1/solutions/{solution.slug}"
    first = editor_client.patch(
        url, {"title": "A's title"}, content_type="application/json", headers={"If-Match": 'W/"1"'}
    )

    second = editor_client.patch(
        url,
        {"problem": "B's problem"},
        content_type="application/json",
        headers={"If-Match": 'W/"1"'},
    )

    solution.refresh_from_db()
    assert (first.status_code, first.headers["ETag"], first.json()["version"]) == (200, 'W/"2"', 2)
    assert (second.status_code, second.headers["ETag"], second.json()) == (
        409,
        'W/"2"',
        {
            "detail": "Someone else saved this solution while you were editing: you started from "
            "version 1, it is now at version 2.",
            "current_version": 2,
        },
    )
    assert (solution.title, solution.problem) == ("A's title", "Old problem")


def test_stale_api_patch_with_version_in_body_answers_409(editor_client, city):
    solution = SolutionFactory(owner=city)
    services.update_solution(solution=solution, title="Newer")

    response = editor_client.patch(
        f"/api/v1/solutions/{solution.slug}",
        {"title": "Mine", "version": 1},
        content_type="application/json",
    )

    assert (response.status_code, response.json()["current_version"]) == (409, 2)


def test_api_patch_refuses_a_malformed_if_match(editor_client, city):
    solution = SolutionFactory(owner=city)

    response = editor_client.patch(
        f"/api/v1/solutions/{solution.slug}",
        {"title": "Mine"},
        content_type="application/json",
        headers={"If-Match": "yesterday"},
    )

    assert (response.status_code, response.json()) == (
        400,
        {"detail": 'If-Match must be one ETag from this API, like W/"3".'},
    )


def test_stale_statement_api_patch_with_if_match_answers_409(editor_client, city, taxonomy):
    statement = ChallengeStatementFactory(jurisdiction=city)
    url = f"/api/v1/challenges/{statement.pk}"
    etag = editor_client.get(url).headers["ETag"]
    services.update_statement(statement=statement, priority="high")

    response = editor_client.patch(
        url, {"priority": "low"}, content_type="application/json", headers={"If-Match": etag}
    )

    statement.refresh_from_db()
    assert (etag, response.status_code, response.json()["current_version"], statement.priority) == (
        'W/"1"',
        409,
        2,
        "high",
    )
