import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from citypeers.accounts.enums import MembershipRole
from citypeers.workshops.candidates import build_candidates
from citypeers.workshops.enums import CohortStatus, WorkshopState
from citypeers.workshops.models import CohortMember
from citypeers.workshops.services import cohort as service
from tests.factories.accounts import CityOrganisationFactory, MembershipFactory, UserFactory
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import (
    ChallengeAreaFactory,
    ChallengeStatementFactory,
    SolutionFactory,
)
from tests.factories.workshops import CohortMemberFactory, WorkshopFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def housing(db):
    """Four cities stated housing; three solved it differently, one (Dover) has no solution."""
    area = ChallengeAreaFactory(slug="housing-affordability", name="Housing affordability")
    climate = ChallengeAreaFactory(slug="climate", name="Climate")
    cities = {}
    for name, state, approach in [
        ("Ames", "IA", "A land trust with the county."),
        ("Boise", "ID", "Zoning reform for duplexes."),
        ("Cary", "NC", "Rental vouchers for families."),
        ("Dover", "DE", None),
    ]:
        city = JurisdictionFactory(name=name, slug=f"{name.lower()}-{state.lower()}", state=state)
        ChallengeStatementFactory(jurisdiction=city, area=area)
        if approach:
            SolutionFactory(owner=city, challenges=[area], title=f"{name} plan", approach=approach)
        cities[name] = city
    ChallengeStatementFactory(jurisdiction=cities["Ames"], area=climate)
    SolutionFactory(
        owner=cities["Boise"],
        challenges=[climate],
        title="Boise heat map",
        approach="A data dashboard of heat.",
    )
    organiser = UserFactory(is_network_organiser=True)
    workshop = WorkshopFactory(area=area, state=WorkshopState.PLANNING, cohort_min=2, cohort_max=3)
    return workshop, cities, organiser


def slugs(workshop, status=None):
    rows = workshop.cohort.all()
    if status:
        rows = rows.filter(status=status)
    return sorted(rows.values_list("jurisdiction__slug", flat=True))


def test_build_candidates_reads_needs_offers_and_regions(housing):
    workshop, _, _ = housing

    pool = {c.key: c for c in build_candidates(workshop)}

    assert sorted(pool) == ["ames-ia", "boise-id", "cary-nc", "dover-de"]
    assert pool["ames-ia"].needs == frozenset({"housing-affordability", "climate"})
    assert sorted((o.area, o.approach) for o in pool["boise-id"].offers) == [
        ("climate", "Data and analytics"),
        ("housing-affordability", "Zoning and regulation"),
    ]
    assert (pool["cary-nc"].region, pool["dover-de"].offers) == ("South", ())


def test_a_city_that_solved_the_challenge_is_a_candidate_without_a_statement(housing):
    workshop, _, _ = housing
    area = workshop.area
    erie = JurisdictionFactory(name="Erie", slug="erie-pa", state="PA")
    SolutionFactory(owner=erie, challenges=[area], title="Erie plan", approach="A housing fund.")

    pool = {c.key: c for c in build_candidates(workshop)}

    assert ("erie-pa" in pool, pool["erie-pa"].needs, len(pool["erie-pa"].offers)) == (
        True,
        frozenset(),
        1,
    )


def test_build_candidates_uses_a_fixed_number_of_queries(housing, django_assert_num_queries):
    workshop, _, _ = housing

    with django_assert_num_queries(6):
        build_candidates(workshop)


def test_run_cohort_proposes_cities_with_reasons(housing):
    workshop, cities, organiser = housing

    run = service.run_cohort(workshop=workshop, by=organiser)

    assert (run.method, run.status, run.candidate_count) == ("exact", "optimal", 4)
    assert slugs(workshop) == ["ames-ia", "boise-id", "cary-nc"]
    ames = workshop.cohort.get(jurisdiction=cities["Ames"])
    assert [(g["areas"], g["cities"]) for g in ames.reasons["learn_groups"]] == [
        (["Climate", "Housing affordability"], ["Boise, ID"]),
        (["Housing affordability"], ["Cary, NC"]),
    ]
    assert sorted(t["city"] for t in ames.reasons["teaches"]) == ["Boise, ID", "Cary, NC"]


def test_rerun_keeps_locked_and_leaves_removed_out(housing):
    workshop, cities, organiser = housing
    service.run_cohort(workshop=workshop, by=organiser)
    service.add_city(workshop=workshop, jurisdiction=cities["Dover"], by=organiser)
    service.remove_city(member=workshop.cohort.get(jurisdiction=cities["Cary"]), by=organiser)

    service.run_cohort(workshop=workshop, by=organiser)

    assert slugs(workshop, CohortStatus.PROPOSED) == ["ames-ia", "boise-id", "dover-de"]
    assert slugs(workshop, CohortStatus.REMOVED) == ["cary-nc"]


def test_run_cohort_is_infeasible_when_minimum_exceeds_candidates(housing):
    workshop, _, organiser = housing
    workshop.cohort_min, workshop.cohort_max = 6, 8
    workshop.save()

    run = service.run_cohort(workshop=workshop, by=organiser)

    assert (run.status, run.chosen_count, workshop.cohort.count()) == ("infeasible", 0, 0)


def test_invite_moves_workshop_to_recruiting_and_emails_editors(
    housing, django_capture_on_commit_callbacks
):
    workshop, cities, organiser = housing
    editor = MembershipFactory(
        organisation=CityOrganisationFactory(jurisdiction=cities["Ames"]),
        role=MembershipRole.EDITOR,
    ).user
    service.run_cohort(workshop=workshop, by=organiser)

    with django_capture_on_commit_callbacks(execute=True):
        service.invite_proposed(workshop=workshop, by=organiser)

    workshop.refresh_from_db()
    assert workshop.state == WorkshopState.RECRUITING
    assert slugs(workshop, CohortStatus.INVITED) == ["ames-ia", "boise-id", "cary-nc"]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([editor.email], f"Invitation: {workshop.title}")
    ]


def test_city_editor_accepts_from_dashboard(housing, client):
    workshop, cities, _ = housing
    workshop.state = WorkshopState.RECRUITING
    workshop.save()
    member = CohortMemberFactory(
        workshop=workshop, jurisdiction=cities["Ames"], status=CohortStatus.INVITED
    )
    editor = MembershipFactory(
        organisation=CityOrganisationFactory(jurisdiction=cities["Ames"]),
        role=MembershipRole.EDITOR,
    ).user
    client.force_login(editor)

    response = client.post(
        reverse("workshops:cohort_respond", kwargs={"slug": workshop.slug, "city": "ames-ia"}),
        {"answer": "accept", "next": "/dashboard/"},
    )

    member.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, "/dashboard/")
    assert (member.status, member.responded_by) == (CohortStatus.ACCEPTED, editor)


def test_plain_member_cannot_answer_invitation(housing):
    workshop, cities, _ = housing
    member = CohortMemberFactory(
        workshop=workshop, jurisdiction=cities["Ames"], status=CohortStatus.INVITED
    )
    plain = MembershipFactory(
        organisation=CityOrganisationFactory(jurisdiction=cities["Ames"])
    ).user

    with pytest.raises(PermissionDenied):
        service.respond_to_invitation(member=member, accept=True, by=plain)


def test_cohort_cannot_change_once_in_session(housing):
    workshop, _, organiser = housing
    workshop.state = WorkshopState.IN_SESSION
    workshop.save()

    with pytest.raises(ValidationError):
        service.run_cohort(workshop=workshop, by=organiser)


def test_declined_city_cannot_be_added_back(housing):
    workshop, cities, organiser = housing
    CohortMemberFactory(
        workshop=workshop, jurisdiction=cities["Ames"], status=CohortStatus.DECLINED
    )

    with pytest.raises(ValidationError):
        service.add_city(workshop=workshop, jurisdiction=cities["Ames"], by=organiser)


def test_cohort_page_shows_reasons(housing, client):
    workshop, _, organiser = housing
    service.run_cohort(workshop=workshop, by=organiser)
    client.force_login(organiser)

    html = client.get(reverse("workshops:cohort", kwargs={"slug": workshop.slug})).content.decode()

    assert (
        "Boise, ID, Cary, NC</strong> about housing affordability, from <em>Ames plan</em>" in html
    )
    assert CohortMember.objects.filter(workshop=workshop).count() == 3


def test_dashboard_panel_lists_pending_invitation(housing, client):
    workshop, cities, _ = housing
    workshop.state = WorkshopState.RECRUITING
    workshop.save()
    CohortMemberFactory(workshop=workshop, jurisdiction=cities["Ames"], status=CohortStatus.INVITED)
    editor = MembershipFactory(
        organisation=CityOrganisationFactory(jurisdiction=cities["Ames"]),
        role=MembershipRole.EDITOR,
    ).user
    client.force_login(editor)

    html = client.get(reverse("web:dashboard")).content.decode()

    assert workshop.title in html
    assert (
        reverse("workshops:cohort_respond", kwargs={"slug": workshop.slug, "city": "ames-ia"})
        in html
    )


def test_infeasible_run_explains_itself_once(housing, client):
    workshop, _, organiser = housing
    workshop.cohort_min, workshop.cohort_max = 6, 8
    workshop.save()
    client.force_login(organiser)

    response = client.post(
        reverse("workshops:cohort_run", kwargs={"slug": workshop.slug}), follow=True
    )

    html = response.content.decode()
    assert html.count("Only 4 candidate cities stated this challenge") == 1
    assert "No cohort could be proposed; the latest run says why." in html


def test_demo_cohort_is_labelled_on_the_page_and_in_the_api(housing, client):
    workshop, _, organiser = housing
    workshop.is_demo = True
    workshop.save()
    service.run_cohort(workshop=workshop, by=organiser)
    client.force_login(organiser)

    html = client.get(reverse("workshops:cohort", kwargs={"slug": workshop.slug})).content.decode()
    members = client.get(f"/api/v1/workshops/{workshop.slug}/cohort").json()["members"]

    assert "A demo cohort: these real cities were chosen from demo statements" in html
    assert {m["is_demo"] for m in members} == {True}
