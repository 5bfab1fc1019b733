import pytest

from citypeers.knowledge import services as knowledge
from citypeers.knowledge.services.solutions import OutcomeData
from citypeers.profiles import services as profiles
from citypeers.profiles.audit import city_audit_trail
from tests.factories.accounts import UserFactory
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import SolutionFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def city(db):
    return JurisdictionFactory(name="Audit City", slug="audit-city-tx")


@pytest.fixture
def organiser(db):
    return UserFactory(is_network_organiser=True, full_name="Olive Organiser")


@pytest.fixture
def site_admin(db):
    return UserFactory(is_superuser=True, is_staff=True, full_name="Sam Admin")


def _rows(entries):
    return [(e.who, e.action, e.model, e.object_label, e.changed_fields) for e in entries]


def test_audit_trail_lists_who_changed_what_newest_first(city, site_admin):
    profiles.update_story(jurisdiction=city, actor=site_admin, summary="A river city.")
    person = profiles.add_person(jurisdiction=city, actor=site_admin, name="Pat Clerk")
    profiles.update_person(person=person, actor=site_admin, name="Pat Clerk", title="Clerk")

    trail = city_audit_trail(city)

    assert trail.count() == 4
    assert _rows(trail[0:10]) == [
        ("Sam Admin", "changed", "profile person", f"Pat Clerk (#{person.pk})", ["title"]),
        ("Sam Admin", "created", "profile person", f"Pat Clerk (#{person.pk})", []),
        ("Sam Admin", "changed", "jurisdiction", f"Audit City (#{city.pk})", ["summary"]),
        (
            "System (import, setup or job)",
            "created",
            "jurisdiction",
            f"Audit City (#{city.pk})",
            [],
        ),
    ]


def test_audit_trail_leaves_out_other_cities(city, site_admin):
    other = JurisdictionFactory(name="Elsewhere")
    profiles.update_story(jurisdiction=other, actor=site_admin, summary="Not ours.")

    assert [e.object_id for e in city_audit_trail(city)[0:10]] == [city.pk]


def test_audit_trail_keeps_rows_of_objects_deleted_since(city, site_admin):
    solution = SolutionFactory(owner=city, title="Bike lanes")
    knowledge.update_solution(
        solution=solution,
        actor=site_admin,
        outcomes=[OutcomeData(name="Riders", value=120, unit="per day")],
    )
    solution_id = solution.pk
    knowledge.delete_solution(solution=solution, actor=site_admin)

    entries = city_audit_trail(city)[0:10]

    system = "System (import, setup or job)"
    assert sorted((e.model, e.action, e.who) for e in entries) == [
        ("jurisdiction", "created", system),
        ("solution", "changed", "Sam Admin"),
        ("solution", "created", system),
        ("solution", "deleted", "Sam Admin"),
        ("solution outcome", "created", "Sam Admin"),
        # Rows deleted by the cascade carry the request's user; outside a request, none.
        ("solution outcome", "deleted", system),
    ]
    assert {e.object_id for e in entries if e.model == "solution"} == {solution_id}


def test_audit_page_shows_the_trail_to_an_organiser(client, city, organiser, site_admin):
    profiles.update_story(jurisdiction=city, actor=site_admin, summary="A river city.")
    client.force_login(organiser)

    response = client.get(f"/directory/{city.slug}/audit/")

    assert response.status_code == 200
    assert _rows(response.context["page_result"].page.object_list) == [
        ("Sam Admin", "changed", "jurisdiction", f"Audit City (#{city.pk})", ["summary"]),
        (
            "System (import, setup or job)",
            "created",
            "jurisdiction",
            f"Audit City (#{city.pk})",
            [],
        ),
    ]


def test_audit_api_answers_a_page_of_entries(client, city, organiser, site_admin):
    profiles.update_story(jurisdiction=city, actor=site_admin, summary="A river city.")
    client.force_login(organiser)

    response = client.get(f"/api/v1/jurisdictions/{city.slug}/audit?page_size=1")

    body = response.json()
    assert response.status_code == 200
    assert (body["count"], body["page"], body["page_size"]) == (2, 1, 1)
    assert [{k: v for k, v in entry.items() if k != "when"} for entry in body["results"]] == [
        {
            "who": "Sam Admin",
            "action": "changed",
            "model": "jurisdiction",
            "kind": "directory.jurisdiction",
            "object_id": city.pk,
            "object_label": f"Audit City (#{city.pk})",
            "reason": "",
            "changed_fields": ["summary"],
        }
    ]


@pytest.mark.parametrize("people", [1, 3])
def test_audit_page_query_count_is_constant(
    client, city, organiser, site_admin, people, django_assert_num_queries
):
    for n in range(people):
        person = profiles.add_person(jurisdiction=city, actor=site_admin, name=f"Person {n}")
        profiles.update_person(person=person, actor=site_admin, name=f"Person {n}", title="Clerk")
    profiles.update_story(jurisdiction=city, actor=site_admin, summary="A river city.")
    client.force_login(organiser)

    # session, user, city, count, page; per kind on the page (jurisdiction, profile person):
    # the rows and their previous versions; the people who made them
    with django_assert_num_queries(10):
        response = client.get(f"/directory/{city.slug}/audit/")

    assert len(response.context["page_result"].page.object_list) == 2 + 2 * people
