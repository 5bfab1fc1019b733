"""The profile's prepared reads: solution cards and challenge statements, by who is asking."""

from django.contrib.auth.models import AnonymousUser

from citypeers.accounts.enums import MembershipRole
from citypeers.core.enums import PublicationStatus
from citypeers.profiles.selectors import (
    PROFILE_SOLUTIONS,
    profile_solution_count,
    profile_solutions,
    profile_statements,
)
from tests.factories.accounts import CityOrganisationFactory, MembershipFactory
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import (
    ChallengeAreaFactory,
    ChallengeStatementFactory,
    SolutionFactory,
)

DRAFT = PublicationStatus.DRAFT


def _editor_of(city):
    organisation = CityOrganisationFactory(jurisdiction=city)
    return MembershipFactory(organisation=organisation, role=MembershipRole.EDITOR).user


def test_solution_cards_carry_their_challenge_names_in_order(db):
    city = JurisdictionFactory()
    heat = ChallengeAreaFactory(name="Urban heat")
    housing = ChallengeAreaFactory(name="Housing affordability")
    SolutionFactory(owner=city, title="Cool roofs", challenges=[heat, housing])
    SolutionFactory(owner=city, title="Untagged")

    cards = profile_solutions(AnonymousUser(), city)

    assert {c.title: c.challenge_names for c in cards} == {
        "Cool roofs": ["Housing affordability", "Urban heat"],
        "Untagged": [],
    }
    assert sorted(c.get_absolute_url() for c in cards) == sorted(
        f"/knowledge/solutions/{c.slug}/" for c in cards
    )


def test_solution_cards_are_the_newest_twelve_and_the_count_is_all(db):
    city = JurisdictionFactory()
    made = [SolutionFactory(owner=city, title=f"S{n:02}") for n in range(PROFILE_SOLUTIONS + 2)]

    cards = profile_solutions(AnonymousUser(), city)

    assert [c.title for c in cards] == [s.title for s in reversed(made)][:PROFILE_SOLUTIONS]
    assert profile_solution_count(AnonymousUser(), city) == PROFILE_SOLUTIONS + 2


def test_draft_solutions_are_for_the_city_editors_only(db):
    city = JurisdictionFactory()
    SolutionFactory(owner=city, title="Draft idea", status=DRAFT)
    SolutionFactory(owner=city, title="Live idea")
    SolutionFactory(title="Another city's idea")

    editor = _editor_of(city)

    public = [c.title for c in profile_solutions(AnonymousUser(), city)]
    own = sorted(c.title for c in profile_solutions(editor, city))
    outsider = [c.title for c in profile_solutions(_editor_of(JurisdictionFactory()), city)]

    assert (public, own, outsider) == (["Live idea"], ["Draft idea", "Live idea"], ["Live idea"])
    assert profile_solution_count(AnonymousUser(), city) == 1
    assert profile_solution_count(editor, city) == 2


def test_statements_carry_area_and_parent_and_hide_drafts_from_the_public(db):
    city = JurisdictionFactory()
    climate = ChallengeAreaFactory(name="Climate and resilience", order=1)
    heat = ChallengeAreaFactory(name="Urban heat", parent=climate, order=2)
    broadband = ChallengeAreaFactory(name="Broadband", order=0)
    ChallengeStatementFactory(jurisdiction=city, area=heat, priority="high", narrative="Hot.")
    ChallengeStatementFactory(jurisdiction=city, area=broadband, status=DRAFT)

    public = profile_statements(AnonymousUser(), city)
    editor = profile_statements(_editor_of(city), city)

    assert [
        (s.area.name, s.area.parent.name, s.get_priority_display(), s.narrative) for s in public
    ] == [("Urban heat", "Climate and resilience", "High", "Hot.")]
    assert [(s.area.name, s.area.parent, s.status) for s in editor] == [
        ("Broadband", None, DRAFT),
        ("Urban heat", climate, PublicationStatus.PUBLISHED),
    ]
