"""The replication ledger through the JSON API (session auth, same services as the pages)."""

import json

import pytest
from django.urls import reverse

from citypeers.coalitions import services

pytestmark = pytest.mark.integration

JSON = "application/json"


def _post(client, name, body, **kwargs):
    return client.post(reverse(name, kwargs=kwargs), data=json.dumps(body), content_type=JSON)


@pytest.fixture
def replication(cities):
    return services.start_replication(
        solution=cities.solution, adopter=cities.adopter, actor=cities.editor
    )


def test_create_replication_answers_201_with_first_stage(client, cities):
    client.force_login(cities.editor)

    response = _post(
        client,
        "api:replication_create",
        {
            "solution": cities.solution.slug,
            "adopter": cities.adopter.slug,
            "financial_model": "grant",
        },
    )

    body = response.json()
    assert response.status_code == 201
    assert (body["stage"], body["financial_model"], body["version"]) == ("considering", "grant", 1)
    assert [(s["from_stage"], s["to_stage"]) for s in body["stage_changes"]] == [
        ("", "considering")
    ]


def test_create_replication_for_unknown_city_answers_400_with_detail(client, cities):
    client.force_login(cities.editor)

    response = _post(
        client,
        "api:replication_create",
        {"solution": cities.solution.slug, "adopter": "nowhere-zz"},
    )

    assert (response.status_code, response.json()["detail"]) == (400, "No city “nowhere-zz”.")


def test_stage_refused_move_answers_400(client, cities, replication):
    client.force_login(cities.editor)

    response = _post(
        client, "api:replication_stage", {"stage": "scaling"}, replication_id=replication.pk
    )

    assert response.status_code == 400
    assert response.json()["detail"].startswith(
        "A replication cannot move from “considering” to “scaling”"
    )


def test_stage_with_stale_version_answers_409_naming_both(client, cities, replication):
    services.change_stage(replication=replication, stage="adapting", actor=cities.editor)
    client.force_login(cities.editor)

    response = _post(
        client,
        "api:replication_stage",
        {"stage": "piloting", "version": 1},
        replication_id=replication.pk,
    )

    assert response.status_code == 409
    assert response.json() == {
        "detail": "Someone else saved this replication record while you were editing: you "
        "started from version 1, it is now at version 2.",
        "current_version": 2,
    }


def test_patch_with_barriers_costs_and_outcomes(client, cities, replication):
    client.force_login(cities.editor)

    response = client.patch(
        reverse("api:replication_update", kwargs={"replication_id": replication.pk}),
        data=json.dumps(
            {
                "version": 1,
                "barriers": [{"kind": "procurement", "notes": "Sole-source rules"}],
                "costs": [{"kind": "operating", "amount": "12000", "year": 2026}],
                "outcomes": [{"metric": "Homes built", "value": 5, "unit": "homes"}],
            }
        ),
        content_type=JSON,
    )

    body = response.json()
    assert response.status_code == 200
    assert body["barriers"] == [
        {"kind": "procurement", "name": "Procurement", "notes": "Sole-source rules"}
    ]
    assert [(c["kind"], c["amount"], c["currency"], c["year"]) for c in body["costs"]] == [
        ("operating", "12000.00", "USD", 2026)
    ]
    assert body["version"] == 2


def test_patch_outcome_in_other_unit_without_note_answers_400(client, cities, replication):
    client.force_login(cities.editor)

    response = client.patch(
        reverse("api:replication_update", kwargs={"replication_id": replication.pk}),
        data=json.dumps(
            {"version": 1, "outcomes": [{"metric": "Homes built", "value": 5, "unit": "units"}]}
        ),
        content_type=JSON,
    )

    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Outcome 1: the origin measures “Homes built” in “homes”; use that unit or say why "
        "yours differs."
    )


def test_lineage_lists_stage_counts_barriers_and_outcomes_side_by_side(client, cities, replication):
    services.update_replication(
        replication=replication,
        actor=cities.editor,
        barriers=[services.BarrierData(kind=_kind("funding"))],
        outcomes=[services.OutcomeData(metric="Homes built", value=7, unit="homes")],
    )
    client.force_login(cities.outsider)

    body = client.get(reverse("api:solution_lineage", kwargs={"slug": cities.solution.slug})).json()

    assert (body["count"], body["stages"]) == (1, {"considering": 1})
    assert body["top_barriers"] == [{"name": "Funding", "cities": 1}]
    assert [
        (o["metric"], o["origin"]["value"], [r["value"] for r in o["replications"]])
        for o in body["outcomes"]
    ] == [("Homes built", 42.0, [7.0])]


def test_lineage_hides_network_records_from_visitors(client, cities, replication):
    body = client.get(reverse("api:solution_lineage", kwargs={"slug": cities.solution.slug})).json()

    assert (body["count"], body["replications"]) == (0, [])


def test_public_record_is_listed_for_visitors(client, cities, replication):
    services.update_replication(replication=replication, actor=cities.editor, visibility="public")

    body = client.get(reverse("api:replication_list")).json()

    assert [item["id"] for item in body["results"]] == [replication.pk]


def _kind(slug):
    from citypeers.coalitions.models import BarrierKind

    return BarrierKind.objects.get(slug=slug)
