"""The JSON API: the same flows and privacy rules as the pages, and query counts for lists."""

import json

import pytest
from django.urls import reverse

from citypeers.assessments.enums import ResultSharing
from tests.assessments.helpers import finished_assessment
from tests.factories.assessments import default_version
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration


def _json(client, method, url, payload=None):
    return getattr(client, method)(
        url, data=json.dumps(payload or {}), content_type="application/json"
    )


def test_api_take_and_submit_an_assessment(client, world):
    client.force_login(world.users["editor"])
    created = _json(
        client,
        "post",
        reverse("api:assessments"),
        {
            "jurisdiction": world.home.slug,
            "framework": "city-data-practices",
            "version": "2025.1",
            "cycle": 2027,
        },
    )
    pk = created.json()["id"]
    for criterion in default_version().spec.criteria:
        body = (
            {"checklist": [i.key for i in criterion.checklist]}
            if criterion.checklist
            else {"met": criterion.area == "open-data"}
        )
        _json(
            client,
            "put",
            reverse("api:assessment_response", kwargs={"pk": pk, "criterion": criterion.key}),
            body,
        )
    check = client.get(reverse("api:assessment_submission_check", kwargs={"pk": pk})).json()
    refused = client.post(reverse("api:assessment_submit", kwargs={"pk": pk}))
    for gap in check["missing_evidence"]:
        _json(
            client,
            "post",
            reverse("api:assessment_evidence", kwargs={"pk": pk, "criterion": gap["criterion"]}),
            {"url": f"https://city.example/{gap['criterion']}"},
        )
    submitted = client.post(reverse("api:assessment_submit", kwargs={"pk": pk}))
    result = client.get(reverse("api:assessment_result", kwargs={"pk": pk})).json()
    assert (check["ready"], check["unanswered"], len(check["missing_evidence"])) == (
        False,
        [],
        7,
    )
    assert check["missing_evidence"][0]["requirements"] == ["The charter or terms of reference"]
    assert (refused.status_code, refused.json()["detail"]) == (400, check["messages"][0])
    assert check["messages"][0].startswith(
        "Attach the required evidence for 7 criteria marked as met ("
    )
    assert (
        created.status_code,
        submitted.json()["status"],
        result["self_assessed"]["points"],
        result["provisional"],
    ) == (201, "submitted", 8.0, False)


def test_api_response_unknown_criterion_is_400(client, world):
    client.force_login(world.users["editor"])
    response = _json(
        client,
        "put",
        reverse("api:assessment_response", kwargs={"pk": world.home_draft.pk, "criterion": "nope"}),
        {"met": True},
    )
    assert (response.status_code, response.json()["detail"]) == (
        400,
        "'nope' is not a criterion of City Data Practices 2025.1.",
    )


def test_api_result_private_is_404_for_other_city(client, world):
    client.force_login(world.users["other_editor"])
    response = client.get(reverse("api:assessment_result", kwargs={"pk": world.home_draft.pk}))
    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


def test_api_responses_hide_private_evidence_from_reviewers(client, world):
    client.force_login(world.users["organiser"])
    rows = client.get(
        reverse("api:assessment_responses", kwargs={"pk": world.home_draft.pk})
    ).json()["results"]
    assert [e["title"] for e in rows[0]["evidence"]] == ["Open data policy"]


def test_api_roadmap_lists_steps_in_order(client, world):
    client.force_login(world.users["member"])
    steps = client.get(reverse("api:assessment_roadmap", kwargs={"pk": world.home_draft.pk})).json()
    assert ([s["position"] for s in steps][:3], len(steps)) == ([1, 2, 3], 42)


def test_api_benchmarks_hidden_with_reason(client, world):
    client.force_login(world.users["member"])
    body = client.get(
        reverse("api:assessment_benchmarks", kwargs={"pk": world.home_submitted.pk})
    ).json()
    assert (body["peer_median_by_area"], [g["percentile"] for g in body["groups"]]) == (
        None,
        [None, None, None],
    )


def test_api_framework_detail_lists_43_criteria(client, db):
    default_version()
    body = client.get(
        reverse(
            "api:assessment_framework", kwargs={"slug": "city-data-practices", "version": "2025.1"}
        )
    ).json()
    assert (
        len(body["practice_areas"]),
        sum(len(a["criteria"]) for a in body["practice_areas"]),
        body["population_at_least"],
    ) == (8, 43, 30000)


def test_api_validate_grants_certified_level(client, world):
    client.force_login(world.users["organiser"])
    pk = world.home_submitted.pk
    for criterion in default_version().spec.criteria:
        body = (
            {"checklist": [i.key for i in criterion.checklist]}
            if criterion.checklist
            else {"met": True}
        )
        _json(
            client,
            "put",
            reverse("api:assessment_review", kwargs={"pk": pk, "criterion": criterion.key}),
            body,
        )
    validated = _json(client, "post", reverse("api:assessment_validate", kwargs={"pk": pk}))
    result = client.get(reverse("api:assessment_result", kwargs={"pk": pk})).json()
    assert (
        validated.json()["status"],
        result["certified_level"],
        result["validated"]["percent"],
    ) == ("validated", "platinum", 100.0)


@pytest.mark.parametrize("count", [1, 3])
def test_api_assessments_list_query_count(client, db, count, django_assert_num_queries):
    for _ in range(count):
        finished_assessment(JurisdictionFactory(), sharing=ResultSharing.PUBLIC)
    with django_assert_num_queries(2):
        response = client.get(reverse("api:assessments"))
    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_api_review_queue_query_count(client, world, count, django_assert_num_queries):
    for _ in range(count):
        finished_assessment(JurisdictionFactory(), sharing=ResultSharing.PRIVATE)
    client.force_login(world.users["organiser"])
    client.get(reverse("api:assessment_review_queue"))
    with django_assert_num_queries(4):
        response = client.get(reverse("api:assessment_review_queue"))
    assert response.json()["count"] == count + 2  # the world's own submitted assessments


@pytest.mark.parametrize("count", [1, 3])
def test_api_responses_query_count(client, world, count, django_assert_num_queries):
    from citypeers.assessments import services

    for key in ["od-portal", "od-guidance", "od-user-insight"][:count]:
        services.save_response(assessment=world.home_draft, criterion_key=key, user=None, met=True)
    client.force_login(world.users["member"])
    client.get(reverse("api:assessment_responses", kwargs={"pk": world.home_draft.pk}))
    with django_assert_num_queries(6):
        response = client.get(
            reverse("api:assessment_responses", kwargs={"pk": world.home_draft.pk})
        )
    assert response.json()["count"] == count + 1


@pytest.mark.parametrize("count", [1, 3])
def test_api_frameworks_query_count(client, db, count, django_assert_num_queries):
    default_version()
    with django_assert_num_queries(1):
        response = client.get(reverse("api:assessment_frameworks"))
    assert response.json()["count"] == 1


def _put_answer(client, world, criterion, body):
    url = reverse(
        "api:assessment_response", kwargs={"pk": world.home_draft.pk, "criterion": criterion}
    )
    return _json(client, "put", url, body)


def test_api_met_on_a_checklist_criterion_is_refused_and_nothing_is_stored(client, world):
    client.force_login(world.users["editor"])

    response = _put_answer(client, world, "dm-inventory", {"met": True})

    assert (response.status_code, response.json()["errors"]) == (
        400,
        {
            "met": [
                "“A maintained catalogue of city datasets” is answered by ticking its checklist "
                "items (met follows from them); met does not apply to it."
            ]
        },
    )
    assert not world.home_draft.responses.filter(criterion__key="dm-inventory").exists()


@pytest.mark.parametrize(
    ("criterion", "body", "field"),
    [("od-policy", {"level": 2}, "level"), ("od-policy", {"checklist": ["x"]}, "checklist")],
)
def test_api_answer_fields_the_criterion_does_not_use_are_refused(
    client, world, criterion, body, field
):
    client.force_login(world.users["editor"])

    response = _put_answer(client, world, criterion, {"met": True, **body})

    assert (response.status_code, list(response.json()["errors"])) == (400, [field])


def test_api_unknown_answer_field_is_a_422_naming_it(client, world):
    client.force_login(world.users["editor"])

    response = _put_answer(client, world, "od-policy", {"met": True, "mett": False})

    assert response.status_code == 422
    assert response.json()["detail"] == "payload.mett: Extra inputs are not permitted"
