"""The replication pages: start from a solution, edit with formsets, move the stage, Q&A."""

import pytest
from django.urls import reverse

from citypeers.coalitions import services
from citypeers.coalitions.models import Replication

pytestmark = pytest.mark.integration


def _formset(prefix, rows):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "30",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


@pytest.fixture
def replication(cities):
    return services.start_replication(
        solution=cities.solution, adopter=cities.adopter, actor=cities.editor
    )


def test_solution_page_offers_replicating_to_another_citys_editor(client, cities):
    client.force_login(cities.editor)

    html = client.get(cities.solution.get_absolute_url()).content.decode()

    assert reverse("coalitions:replication-start", kwargs={"slug": cities.solution.slug}) in html
    assert "No city has recorded a replication of this solution yet." in html


def test_solution_page_does_not_offer_replicating_to_the_origin(client, cities):
    client.force_login(cities.origin_editor)

    html = client.get(cities.solution.get_absolute_url()).content.decode()

    assert "We are replicating this" not in html


def test_solution_page_lists_replications_with_stage(client, cities, replication):
    client.force_login(cities.outsider)

    html = client.get(cities.solution.get_absolute_url()).content.decode()

    assert reverse("coalitions:replication", kwargs={"pk": replication.pk}) in html
    assert "1 city recorded its replication" in html


def test_start_page_post_creates_the_record(client, cities):
    client.force_login(cities.editor)
    url = reverse("coalitions:replication-start", kwargs={"slug": cities.solution.slug})

    response = client.post(
        url,
        {
            "adopter": cities.adopter.pk,
            "adapted": "Smaller area",
            "visibility": "public",
            "financial_model": "bond",
        },
    )

    replication = Replication.objects.get()
    assert response.status_code == 302
    assert response.url == replication.get_absolute_url()
    assert (replication.adapted, replication.visibility, replication.financial_model) == (
        "Smaller area",
        "public",
        "bond",
    )


def test_edit_page_post_saves_rows(client, cities, replication):
    client.force_login(cities.editor)
    data = {
        "adapted": "New text",
        "financial_model": "grant",
        "visibility": "network",
        "version": "1",
        **_formset("barriers", [{"kind": "1", "notes": "RFP rules"}]),
        **_formset(
            "costs",
            [
                {
                    "kind": "capital",
                    "amount": "5000",
                    "currency": "USD",
                    "year": "2026",
                    "note": "Sensors",
                }
            ],
        ),
        **_formset("outcomes", [{"metric": "Homes built", "value": "3", "unit": "homes"}]),
    }

    response = client.post(
        reverse("coalitions:replication-edit", kwargs={"pk": replication.pk}), data
    )

    replication.refresh_from_db()
    assert response.status_code == 302
    assert (replication.adapted, replication.version) == ("New text", 2)
    assert list(replication.outcomes.values_list("metric", "value")) == [("Homes built", 3.0)]
    assert replication.costs.count() == 1
    assert replication.barriers.count() == 1


def test_edit_page_stale_version_shows_error(client, cities, replication):
    services.update_replication(replication=replication, actor=cities.editor, adapted="x")
    client.force_login(cities.editor)
    data = {
        "adapted": "Mine",
        "visibility": "network",
        "version": "1",
        **_formset("barriers", []),
        **_formset("costs", []),
        **_formset("outcomes", []),
    }

    response = client.post(
        reverse("coalitions:replication-edit", kwargs={"pk": replication.pk}), data
    )

    assert response.status_code == 200
    assert "you started from version 1, it is now at version 2" in response.content.decode()


def test_stage_form_refused_move_keeps_stage(client, cities, replication):
    client.force_login(cities.editor)

    client.post(
        reverse("coalitions:replication-stage", kwargs={"pk": replication.pk}),
        {"stage": "paused", "reason": "", "version": "1"},
    )

    replication.refresh_from_db()
    assert replication.stage == "considering"


def test_origin_editor_answers_on_the_record(client, cities, replication):
    question = services.ask_question(replication=replication, body="Vendor?", actor=cities.outsider)
    client.force_login(cities.origin_editor)

    client.post(
        reverse("coalitions:question-answer", kwargs={"pk": question.pk}),
        {"answer": "We used a cooperative contract."},
    )

    question.refresh_from_db()
    assert question.answer == "We used a cooperative contract."
