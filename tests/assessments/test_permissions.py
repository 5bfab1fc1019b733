"""Every persona by status by sharing by evidence visibility combination, predicate by predicate."""

import itertools

import pytest

from citypeers.accounts.enums import MembershipRole
from citypeers.assessments.enums import AssessmentStatus, EvidenceVisibility, ResultSharing
from citypeers.assessments.permissions import (
    can_answer_assessment,
    can_review_assessment,
    can_share_result,
    can_view_assessment,
    can_view_evidence,
    can_view_network_overview,
    can_view_result,
    is_assessment_reviewer,
)
from tests.factories.accounts import MembershipFactory
from tests.factories.assessments import AssessmentFactory, EvidenceItemFactory, ReviewerFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def world(module_world):
    return module_world  # every test here only reads it: one per module (tests/conftest.py)


PERSONAS = [
    "anon",
    "member",
    "editor",
    "city_admin",
    "other_editor",
    "organiser",
    "site_admin",
    "reviewer",
]
STATUSES = [AssessmentStatus.DRAFT, AssessmentStatus.SUBMITTED, AssessmentStatus.VALIDATED]
SHARINGS = [ResultSharing.PRIVATE, ResultSharing.PEERS, ResultSharing.PUBLIC]
INSIDERS = {"member", "editor", "city_admin"}
REVIEWERS = {"organiser", "site_admin", "reviewer"}


@pytest.fixture
def people(world):
    users = dict(world.users)
    users["reviewer"] = ReviewerFactory().user
    return users


def _assessment(world, status, sharing):
    return AssessmentFactory(jurisdiction=world.home, cycle=2030, status=status, sharing=sharing)


def _expected_result(persona, status, sharing) -> bool:
    if persona in INSIDERS | REVIEWERS:
        return True
    if status == AssessmentStatus.DRAFT:
        return False
    if sharing == ResultSharing.PUBLIC:
        return True
    return sharing == ResultSharing.PEERS and persona == "other_editor"


@pytest.mark.parametrize(("status", "sharing"), list(itertools.product(STATUSES, SHARINGS)))
def test_view_permissions_for_every_persona(world, people, status, sharing):
    assessment = _assessment(world, status, sharing)
    seen = {
        persona: (
            can_view_assessment(people[persona], assessment),
            can_view_result(people[persona], assessment),
        )
        for persona in PERSONAS
    }
    expected = {
        persona: (persona in INSIDERS | REVIEWERS, _expected_result(persona, status, sharing))
        for persona in PERSONAS
    }
    assert seen == expected


@pytest.mark.parametrize("status", [*STATUSES, AssessmentStatus.EVIDENCE_REQUESTED])
def test_write_permissions_for_every_persona(world, people, status):
    assessment = _assessment(world, status, ResultSharing.PRIVATE)
    open_for_answers = status in (AssessmentStatus.DRAFT, AssessmentStatus.EVIDENCE_REQUESTED)
    reviewable = status in (AssessmentStatus.SUBMITTED, AssessmentStatus.EVIDENCE_REQUESTED)
    seen = {
        persona: (
            can_answer_assessment(people[persona], assessment),
            can_share_result(people[persona], assessment),
            can_review_assessment(people[persona], assessment),
        )
        for persona in PERSONAS
    }
    editors = {"editor", "city_admin", "site_admin"}
    expected = {
        persona: (
            open_for_answers and persona in editors,
            persona in editors,
            reviewable and persona in REVIEWERS,
        )
        for persona in PERSONAS
    }
    assert seen == expected


def test_reviewer_never_reviews_own_city(world):
    reviewer = ReviewerFactory().user
    MembershipFactory(user=reviewer, organisation=world.home_org, role=MembershipRole.MEMBER)
    assessment = _assessment(world, AssessmentStatus.SUBMITTED, ResultSharing.PRIVATE)
    assert (is_assessment_reviewer(reviewer), can_review_assessment(reviewer, assessment)) == (
        True,
        False,
    )


def test_network_overview_only_for_organisers(people):
    assert {p: can_view_network_overview(people[p]) for p in PERSONAS} == {
        p: p in {"organiser", "site_admin"} for p in PERSONAS
    }


def _expected_evidence(persona, visibility, finished, sharing) -> bool:
    if persona in INSIDERS:
        return True
    if visibility == EvidenceVisibility.PRIVATE:
        return False
    if persona in REVIEWERS:
        return True
    if visibility == EvidenceVisibility.REVIEWERS or not finished:
        return False
    if persona == "other_editor":
        return sharing in (ResultSharing.PEERS, ResultSharing.PUBLIC)
    # anonymous visitors: public evidence of a publicly shared result only
    return visibility == EvidenceVisibility.PUBLIC and sharing == ResultSharing.PUBLIC


@pytest.mark.parametrize(
    ("visibility", "status", "sharing"),
    list(itertools.product(EvidenceVisibility.values, STATUSES[:2], SHARINGS)),
)
def test_evidence_visibility_for_every_persona(world, people, visibility, status, sharing):
    assessment = _assessment(world, status, sharing)
    item = EvidenceItemFactory(response__assessment=assessment, visibility=visibility)
    seen = {p: can_view_evidence(people[p], item, assessment) for p in PERSONAS}
    finished = status != AssessmentStatus.DRAFT
    assert seen == {p: _expected_evidence(p, visibility, finished, sharing) for p in PERSONAS}
