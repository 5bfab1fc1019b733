import pytest
from django.urls import reverse

from citypeers.accounts.enums import MembershipRole
from citypeers.core.enums import PublicationStatus
from citypeers.directory.models import Jurisdiction, ProfilePerson
from citypeers.search.models import SearchDocument
from tests.factories.accounts import CoalitionFactory, MembershipFactory, UserFactory
from tests.factories.directory import (
    IndicatorValueFactory,
    JurisdictionFactory,
    ProfilePersonFactory,
)
from tests.factories.knowledge import (
    ChallengeAreaFactory,
    ChallengeStatementFactory,
    SolutionFactory,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def city(db):
    return JurisdictionFactory(
        name="Riverton",
        slug="riverton-tx",
        summary="We are a **river** city.",
        future_plans="Build a levee.",
        story_status=PublicationStatus.DRAFT,
    )


def _user_with_role(city, role):
    from tests.factories.accounts import CityOrganisationFactory

    organisation = CityOrganisationFactory(jurisdiction=city)
    return MembershipFactory(organisation=organisation, role=role).user


def test_directory_list_searches_filters_and_sorts(client, db):
    JurisdictionFactory(name="Springfield", state="IL", population=114_000)
    JurisdictionFactory(name="Springfield", state="MO", population=169_000)
    JurisdictionFactory(name="Boston", state="MA", population=650_000)

    response = client.get(reverse("directory:list"), {"q": "spring", "sort": "-population"})

    assert [(j.name, j.state) for j in response.context["page"].object_list] == [
        ("Springfield", "MO"),
        ("Springfield", "IL"),
    ]


def test_directory_list_filters_by_state_band_and_type(client, db):
    JurisdictionFactory(name="Big", state="TX", population=600_000, kind="city")
    JurisdictionFactory(name="Small", state="TX", population=5_000, kind="city")
    JurisdictionFactory(name="County", state="TX", population=600_000, kind="county")

    response = client.get(
        reverse("directory:list"), {"state": "TX", "band": "500k-plus", "kind": "city"}
    )

    assert [j.name for j in response.context["page"].object_list] == ["Big"]


def test_directory_list_htmx_request_renders_only_the_results(client, db):
    JurisdictionFactory(name="Boston", state="MA")

    response = client.get(reverse("directory:list"), {"q": "bos"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="directory-results"')
    assert "<html" not in html


def test_directory_list_shows_an_empty_state(client, db):
    response = client.get(reverse("directory:list"), {"q": "zzzz"})

    assert response.status_code == 200
    assert "No local governments match" in response.content.decode()


def test_directory_list_ignores_invalid_filters_with_a_message(client, db):
    JurisdictionFactory(name="Boston", state="MA")

    response = client.get(reverse("directory:list"), {"state": "ZZ"})

    assert [j.name for j in response.context["page"].object_list] == ["Boston"]
    assert "Some filters were not understood" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_directory_list_query_count_is_constant(client, db, django_assert_num_queries, count):
    for _ in range(count):
        JurisdictionFactory()

    with django_assert_num_queries(2):
        client.get(reverse("directory:list"))


def test_profile_hides_a_draft_story_from_the_public(client, city):
    response = client.get(city.get_absolute_url())

    html = response.content.decode()
    assert response.context["show_story"] is False
    assert "<strong>river</strong>" not in html
    assert "has not published its story yet" in html


def test_profile_shows_editors_the_draft_with_a_banner(client, city):
    client.force_login(_user_with_role(city, MembershipRole.EDITOR))

    html = client.get(city.get_absolute_url()).content.decode()

    assert "<strong>river</strong>" in html
    assert "The public does not see this story yet" in html


def test_profile_people_are_for_network_members_only(client, city):
    ProfilePersonFactory(jurisdiction=city, name="Pat Planner")
    anonymous = client.get(city.get_absolute_url())
    client.force_login(MembershipFactory().user)

    member = client.get(city.get_absolute_url())

    assert anonymous.context["people"] is None
    assert [p.name for p in member.context["people"]] == ["Pat Planner"]


def test_profile_shows_population_source_year_and_memberships(client, city):
    network = CoalitionFactory(name="River Cities Alliance")
    network.member_jurisdictions.add(city)

    html = client.get(city.get_absolute_url()).content.decode()

    assert "Source: Test data, 2021" in html
    assert "River Cities Alliance" in html


def _profile_with(city, count):
    for index in range(count):
        ChallengeStatementFactory(jurisdiction=city)
        SolutionFactory(owner=city)
        ProfilePersonFactory(jurisdiction=city)
        IndicatorValueFactory(jurisdiction=city, year=2010 + index)
        CoalitionFactory().member_jurisdictions.add(city)


def _without_peers_panel(monkeypatch):
    # The peers panel (matching app) keeps a per-process cache whose freshness check runs on a
    # timer, so its query count depends on timing; matching tests its own queries.
    monkeypatch.setattr("citypeers.matching.selectors.peers_for", lambda *args, **kwargs: [])
    monkeypatch.setattr("citypeers.matching.cache.data_version", lambda: "v1")


@pytest.mark.parametrize("count", [1, 5])
def test_profile_query_count_is_constant_for_a_member(
    client, city, monkeypatch, django_assert_num_queries, count
):
    _profile_with(city, count)
    client.force_login(_user_with_role(city, MembershipRole.EDITOR))
    _without_peers_panel(monkeypatch)

    # Session, user, roles, the page's own parts, then one query per domain panel (insights,
    # answered questions, guides, certification).
    with django_assert_num_queries(13):
        client.get(city.get_absolute_url())


@pytest.mark.parametrize("count", [1, 5])
def test_profile_query_count_is_constant_for_the_public(
    client, city, monkeypatch, django_assert_num_queries, count
):
    _profile_with(city, count)
    _without_peers_panel(monkeypatch)

    # No certification or workshop insight: the version query says so, their panels skip.
    with django_assert_num_queries(5):
        client.get(city.get_absolute_url())


def test_edit_story_saves_publishes_indexes_and_records_history(client, city):
    editor = _user_with_role(city, MembershipRole.EDITOR)
    client.force_login(editor)

    response = client.post(
        reverse("profiles:edit", args=[city.slug]),
        {
            "summary": "A river city.",
            "future_plans": "",
            "story_status": "published",
            "version": "1",
        },
    )

    city.refresh_from_db()
    record = city.history.latest("history_date")
    document = SearchDocument.objects.get(kind="profile", object_id=city.pk)
    assert response.status_code == 302
    assert (city.summary, city.story_status) == ("A river city.", "published")
    # One profile document builder (profiles/search_sources.py): name, county, story.
    assert (record.history_user, document.body, document.title) == (
        editor,
        f"Riverton, TX\n{city.county_name}\nA river city."
        if city.county_name
        else "Riverton, TX\nA river city.",
        "Riverton, TX",
    )


def test_edit_story_refuses_to_publish_without_a_summary(client, city):
    client.force_login(_user_with_role(city, MembershipRole.EDITOR))

    response = client.post(
        reverse("profiles:edit", args=[city.slug]),
        {"summary": "  ", "future_plans": "", "story_status": "published", "version": "1"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "summary": ["Write a summary before publishing the story."]
    }
    assert Jurisdiction.objects.get(pk=city.pk).story_status == "draft"


def test_people_add_edit_delete_and_history(client, city):
    editor = _user_with_role(city, MembershipRole.ADMIN)
    client.force_login(editor)
    client.post(
        reverse("profiles:person_add", args=[city.slug]),
        {
            "name": "Ada Analyst",
            "title": "CDO",
            "email": "ADA@river.example",
            "phone": "",
            "order": 1,
        },
    )
    person = ProfilePerson.objects.get(jurisdiction=city)
    client.post(
        reverse("profiles:person_edit", args=[city.slug, person.pk]),
        {
            "name": "Ada Analyst",
            "title": "Chief Data Officer",
            "email": "ada@river.example",
            "phone": "",
            "order": 1,
            "version": 1,  # the hidden field the edit form carries
        },
    )

    client.post(reverse("profiles:person_delete", args=[city.slug, person.pk]))
    history = client.get(reverse("profiles:history", args=[city.slug]))

    entries = history.context["page_result"].page.object_list
    assert ProfilePerson.objects.filter(jurisdiction=city).count() == 0
    assert [(e.subject, e.action, e.who) for e in entries] == [
        ("Person: Ada Analyst", "deleted", editor.display_name),
        ("Person: Ada Analyst", "changed", editor.display_name),
        ("Person: Ada Analyst", "created", editor.display_name),
        ("Profile", "created", "System (import or setup)"),
    ]
    assert [(c.label, c.old, c.new) for c in entries[1].changes] == [
        ("Title", "CDO", "Chief Data Officer")
    ]


def test_person_of_another_city_is_not_found(client, city):
    other_person = ProfilePersonFactory()
    client.force_login(_user_with_role(city, MembershipRole.EDITOR))

    response = client.get(reverse("profiles:person_edit", args=[city.slug, other_person.pk]))

    assert response.status_code == 404


def test_non_editor_cannot_post_a_story(client, city):
    client.force_login(UserFactory())

    response = client.post(
        reverse("profiles:edit", args=[city.slug]),
        {"summary": "Hacked", "future_plans": "", "story_status": "published"},
    )

    assert response.status_code == 403
    assert Jurisdiction.objects.get(pk=city.pk).summary == "We are a **river** city."


@pytest.fixture
def public_city(db, monkeypatch):
    from django.core.cache import cache

    cache.clear()
    _without_peers_panel(monkeypatch)
    return JurisdictionFactory(name="Lakeside", slug="lakeside-tx")


def test_public_profile_second_view_is_served_from_the_cache_in_one_query(
    client, public_city, django_assert_num_queries
):
    first = client.get(public_city.get_absolute_url()).content.decode()

    with django_assert_num_queries(1):
        second = client.get(public_city.get_absolute_url()).content.decode()

    assert second.count("Lakeside") == first.count("Lakeside")
    assert "__citypeers_" not in second


def test_public_profile_cache_carries_each_request_its_own_nonce(client, public_city):
    client.get(public_city.get_absolute_url())

    response = client.get(public_city.get_absolute_url())

    nonce = response.wsgi_request.csp_nonce
    html = response.content.decode()
    assert html.count(f'nonce="{nonce}"') == 4  # uswds-init, htmx, uswds, error-summary
    assert f"'nonce-{nonce}'" in response.headers["Content-Security-Policy"]


def test_public_profile_cache_is_invalidated_when_a_statement_is_published(client, public_city):
    statement = ChallengeStatementFactory(
        jurisdiction=public_city, narrative="Floods every spring.", status=PublicationStatus.DRAFT
    )
    before = client.get(public_city.get_absolute_url()).content.decode()
    statement.status = PublicationStatus.PUBLISHED
    statement.save()

    after = client.get(public_city.get_absolute_url()).content.decode()

    assert "Floods every spring." not in before
    assert "Floods every spring." in after


def test_public_profile_cache_is_invalidated_when_a_solution_is_added(client, public_city):
    client.get(public_city.get_absolute_url())
    SolutionFactory(owner=public_city, title="Rain gardens", status=PublicationStatus.PUBLISHED)

    html = client.get(public_city.get_absolute_url()).content.decode()

    assert "Rain gardens" in html


def test_profile_is_not_cached_for_signed_in_visitors(client, public_city):
    client.get(public_city.get_absolute_url())
    client.force_login(_user_with_role(public_city, MembershipRole.EDITOR))

    html = client.get(public_city.get_absolute_url()).content.decode()

    assert "Edit story" in html


def test_public_profile_of_a_city_without_related_rows_skips_their_queries(
    client, public_city, django_assert_num_queries
):
    # The version query finds no statements, solutions, memberships, indicators,
    # certifications or workshop insights: it is the only query.
    with django_assert_num_queries(1):
        html = client.get(public_city.get_absolute_url()).content.decode()

    assert "No challenge statements published yet." in html
    assert "No solutions published yet." in html


def test_public_profile_shows_a_draft_only_city_like_an_empty_one(client, public_city):
    ChallengeStatementFactory(
        jurisdiction=public_city, narrative="Drafted.", status=PublicationStatus.DRAFT
    )
    SolutionFactory(owner=public_city, title="Draft idea", status=PublicationStatus.DRAFT)

    html = client.get(public_city.get_absolute_url()).content.decode()

    assert "Drafted." not in html
    assert "Draft idea" not in html


def test_public_profile_shows_a_workshop_insight_added_after_the_first_view(client, public_city):
    from tests.factories.workshops import InsightFactory

    client.get(public_city.get_absolute_url())
    InsightFactory(title="Land trust lessons", evidence_cities=[public_city])

    html = client.get(public_city.get_absolute_url()).content.decode()

    assert "Land trust lessons" in html


def test_public_profile_shows_a_certification_granted_after_the_first_view(client, public_city):
    from citypeers.assessments.models import Certification
    from tests.factories.assessments import AssessmentFactory

    client.get(public_city.get_absolute_url())
    assessment = AssessmentFactory(jurisdiction=public_city)
    Certification.objects.create(
        jurisdiction=public_city,
        assessment=assessment,
        framework_title="City Data Practices",
        version_label="2025.1",
        cycle=2024,
        level_key="gold",
        level_title="Gold",
        granted_at=assessment.created_at,
    )

    html = client.get(public_city.get_absolute_url()).content.decode()

    assert "City Data Practices 2025.1, 2024 cycle" in html


def test_profile_solution_cards_show_challenges_and_the_demo_badge(client, public_city):
    heat = ChallengeAreaFactory(name="Urban heat")
    housing = ChallengeAreaFactory(name="Housing affordability")
    SolutionFactory(owner=public_city, title="Cool roofs", challenges=[heat, housing], is_demo=True)

    html = client.get(public_city.get_absolute_url()).content.decode()

    assert "Housing affordability · Urban heat" in html
    assert html.count('<span class="usa-tag cp-demo-tag"') == 1


def test_history_of_a_first_edit_without_earlier_version_shows_the_values(client, city):
    city.history.all().delete()  # as loaded from the shipped directory, without history
    editor = _user_with_role(city, MembershipRole.EDITOR)
    client.force_login(editor)
    client.post(
        reverse("profiles:edit", args=[city.slug]),
        {
            "summary": "A river city.",
            "future_plans": "",
            "story_status": "published",
            "version": "1",
        },
    )

    response = client.get(reverse("profiles:history", args=[city.slug]))

    [entry] = response.context["page_result"].page.object_list
    assert (entry.action, entry.first_recorded) == ("changed", True)
    assert [(c.label, c.old, c.new) for c in entry.changes] == [
        ("Summary", None, "A river city."),
        ("Story status", None, "Published"),
    ]
    assert "First recorded version; the values before it came from the directory" in (
        response.content.decode()
    )
