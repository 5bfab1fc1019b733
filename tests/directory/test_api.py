import csv
import io
import json

import pytest

from citypeers.accounts.enums import MembershipRole
from citypeers.core.enums import PublicationStatus
from citypeers.directory.models import Jurisdiction
from tests.factories.accounts import CityOrganisationFactory, MembershipFactory
from tests.factories.directory import JurisdictionFactory, ProfilePersonFactory
from tests.factories.knowledge import SolutionFactory

pytestmark = pytest.mark.integration

API = "/api/v1"


@pytest.fixture
def cities(db):
    return [
        JurisdictionFactory(
            name="Boston", state="MA", slug="boston-ma", geoid="2507000", population=654_776
        ),
        JurisdictionFactory(
            name="Springfield",
            state="IL",
            slug="springfield-il",
            geoid="1772000",
            population=114_394,
        ),
        JurisdictionFactory(
            name="Springfield", state="MO", slug="springfield-mo", population=169_176
        ),
        JurisdictionFactory(
            name="Cook County",
            state="IL",
            slug="cook-county-il",
            kind="county",
            population=5_100_000,
        ),
    ]


def test_jurisdiction_list_filters_sorts_and_paginates(client, cities):
    response = client.get(
        f"{API}/jurisdictions", {"search": "spring", "sort": "-population", "page_size": 1}
    )

    body = response.json()
    assert (body["count"], body["page"], body["page_size"]) == (2, 1, 1)
    assert [(r["slug"], r["url"]) for r in body["results"]] == [
        ("springfield-mo", "/directory/springfield-mo/")
    ]


def test_jurisdiction_list_filters_by_state_population_and_type(client, cities):
    response = client.get(
        f"{API}/jurisdictions",
        {"state": "Illinois", "min_population": 100_000, "max_population": 200_000, "type": "city"},
    )

    assert [r["slug"] for r in response.json()["results"]] == ["springfield-il"]


@pytest.mark.parametrize(
    ("query", "status", "detail"),
    [
        ({"state": "ZZ"}, 400, "Unknown state 'ZZ': use a USPS code such as MA."),
        ({"type": "castle"}, 400, None),
        (
            {"min_population": 10, "max_population": 5},
            400,
            "min_population is larger than max_population.",
        ),
        ({"min_population": -1}, 422, None),
        ({"page": 0}, 422, None),
        ({"sort": "random"}, 422, None),
        ({"page_size": "lots"}, 422, None),
    ],
)
def test_jurisdiction_list_bad_input_is_a_4xx_with_a_message(client, cities, query, status, detail):
    response = client.get(f"{API}/jurisdictions", query)

    assert response.status_code == status
    assert response.json()["detail"] == detail if detail else response.json()["detail"]


@pytest.mark.parametrize("count", [1, 3])
def test_jurisdiction_list_query_count_is_constant(client, db, django_assert_num_queries, count):
    for _ in range(count):
        JurisdictionFactory()

    with django_assert_num_queries(2):
        client.get(f"{API}/jurisdictions")


def test_jurisdiction_detail_by_geoid_keeps_zeros_and_hides_draft_story(client, db):
    city = JurisdictionFactory(
        geoid="0644000", summary="Draft", story_status=PublicationStatus.DRAFT
    )

    body = client.get(f"{API}/jurisdictions/0644000").json()

    assert (body["slug"], body["geoid"], body["story"], body["population_year"]) == (
        city.slug,
        "0644000",
        None,
        2021,
    )
    assert body["counts"] == {
        "statements": 0,
        "solutions": 0,
        "people": 0,
        "memberships": 0,
        "indicators": 0,
    }


def test_jurisdiction_detail_counts_people_only_for_members(client, db):
    city = JurisdictionFactory()
    ProfilePersonFactory(jurisdiction=city)
    SolutionFactory(owner=city)
    public = client.get(f"{API}/jurisdictions/{city.slug}").json()
    client.force_login(MembershipFactory().user)

    member = client.get(f"{API}/jurisdictions/{city.slug}").json()

    assert (
        public["counts"]["people"],
        member["counts"]["people"],
        member["counts"]["solutions"],
    ) == (0, 1, 1)


def test_jurisdiction_detail_carries_people_memberships_and_certification(client, db):
    from citypeers.accounts import services as accounts
    from citypeers.assessments.models import Certification
    from tests.factories.accounts import CoalitionFactory
    from tests.factories.assessments import AssessmentFactory

    city = JurisdictionFactory()
    ProfilePersonFactory(jurisdiction=city, name="Ada Clerk")
    coalition = CoalitionFactory(name="River Cities", slug="river-cities")
    accounts.add_network_member(organisation=coalition, jurisdiction=city)
    assessment = AssessmentFactory(jurisdiction=city)
    Certification.objects.create(
        jurisdiction=city,
        assessment=assessment,
        framework_title="City Data Practices",
        version_label="2025.1",
        cycle=2025,
        level_key="gold",
        level_title="Gold",
        granted_at=assessment.created_at,
        show_on_profile=True,
        is_demo=True,
    )
    public = client.get(f"{API}/jurisdictions/{city.slug}").json()
    client.force_login(MembershipFactory().user)
    member = client.get(f"{API}/jurisdictions/{city.slug}").json()

    assert (
        public["people"],
        [p["name"] for p in member["people"]],
        public["memberships"],
        (public["certification"]["level_title"], public["certification"]["is_demo"]),
    ) == (
        None,
        ["Ada Clerk"],
        [{"organisation": "river-cities", "name": "River Cities", "joined_on": None}],
        ("Gold", True),
    )


def _editor_of(city):
    return MembershipFactory(
        organisation=CityOrganisationFactory(jurisdiction=city), role=MembershipRole.EDITOR
    ).user


def test_jurisdiction_update_changes_the_story_through_the_service(client, db):
    city = JurisdictionFactory(story_status=PublicationStatus.DRAFT)
    client.force_login(_editor_of(city))

    response = client.patch(
        f"{API}/jurisdictions/{city.slug}",
        data=json.dumps({"summary": "Our story.", "story_status": "published"}),
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["story"] == {
        "summary": "Our story.",
        "future_plans": "",
        "status": "published",
        "is_demo": False,
        "version": 2,
    }
    assert (
        Jurisdiction.objects.get(pk=city.pk).history.latest("history_date").summary == "Our story."
    )


def test_jurisdiction_update_validates_like_the_form(client, db):
    city = JurisdictionFactory(summary="", story_status=PublicationStatus.DRAFT)
    client.force_login(_editor_of(city))

    response = client.patch(
        f"{API}/jurisdictions/{city.slug}",
        data=json.dumps({"story_status": "published"}),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["detail"] == "Write a summary before publishing the story."


def test_jurisdiction_export_csv_streams_filtered_rows(client, cities):
    response = client.get(f"{API}/export/jurisdictions.csv", {"state": "IL", "sort": "name"})

    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("geoid,slug,name,state,")
    assert [line.split(",")[1] for line in lines[1:]] == ["cook-county-il", "springfield-il"]


def test_jurisdiction_export_json_streams_valid_json(client, cities):
    response = client.get(f"{API}/export/jurisdictions.json", {"search": "boston"})

    rows = json.loads(b"".join(response.streaming_content))
    assert [(r["geoid"], r["population"]) for r in rows] == [("2507000", 654_776)]


def test_jurisdiction_export_rejects_unknown_state(client, cities):
    response = client.get(f"{API}/export/jurisdictions.csv", {"state": "Atlantis"})

    assert response.status_code == 400


@pytest.mark.parametrize("body", ["[]", '["summary"]', '"text"', "3", "null"])
def test_jurisdiction_update_refuses_a_body_that_is_not_an_object(client, db, body):
    city = JurisdictionFactory(summary="Kept.")
    client.force_login(_editor_of(city))

    response = client.patch(
        f"{API}/jurisdictions/{city.slug}", data=body, content_type="application/json"
    )

    assert response.status_code == 422
    assert "object" in response.json()["detail"]
    assert Jurisdiction.objects.get(pk=city.pk).summary == "Kept."


def test_jurisdiction_export_csv_keeps_formulas_as_text_and_numbers_as_numbers(client, db):
    JurisdictionFactory(name="@SUM(1+1)", slug="sum-tx", latitude=30.25, longitude=-97.75)

    response = client.get(f"{API}/export/jurisdictions.csv", {"search": "sum"})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["name"], r["longitude"]) for r in rows] == [("'@SUM(1+1)", "-97.75")]
