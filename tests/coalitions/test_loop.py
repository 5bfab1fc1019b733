"""The closed loop through the services: a challenge statement, peers, a cohort, a published
insight, a replication citing it, an outcome, and the next assessment's roadmap showing it."""

import pytest
from django.urls import reverse

from citypeers.coalitions import services
from citypeers.coalitions.selectors.journey import journey_of
from citypeers.knowledge.services import create_statement
from citypeers.workshops.enums import CohortStatus, InsightAudience
from citypeers.workshops.services import cohort as cohort_services
from citypeers.workshops.services.insights import create_insight, transition_insight
from tests.factories.accounts import UserFactory
from tests.factories.assessments import AssessmentFactory
from tests.factories.knowledge import ChallengeAreaFactory
from tests.factories.workshops import WorkshopFactory

pytestmark = pytest.mark.integration


def test_loop_from_challenge_to_outcome_on_the_next_roadmap(client, cities):
    organiser = UserFactory(is_network_organiser=True)
    area = ChallengeAreaFactory(slug="housing-affordability", name="Housing affordability")
    statement = create_statement(
        jurisdiction=cities.adopter,
        area=area,
        narrative="Rents.",
        status="published",
        actor=cities.editor,
    )
    workshop = WorkshopFactory(area=area, state="recruiting")
    member = cohort_services.add_city(workshop=workshop, jurisdiction=cities.adopter, by=organiser)
    cohort_services.invite_proposed(workshop=workshop, by=organiser)
    member.refresh_from_db()
    cohort_services.respond_to_invitation(member=member, accept=True, by=cities.editor)
    insight = create_insight(
        by=organiser,
        title="Land trusts keep homes affordable",
        area=area,
        challenge="Rents.",
        steps=["Partner with the county"],
        workshop=workshop,
        criteria_codes=["od-policy"],
        evidence_cities=[cities.adopter],
        audience=InsightAudience.PUBLIC,
    )
    # Review needs a second person: the author may not review their own insight.
    reviewer = UserFactory(is_network_organiser=True)
    transition_insight(insight=insight, to_state="reviewed", by=reviewer)
    transition_insight(insight=insight, to_state="published", by=reviewer)
    replication = services.start_replication(
        solution=cities.solution,
        adopter=cities.adopter,
        actor=cities.editor,
        prompted_by_insight=insight,
    )
    services.change_stage(replication=replication, stage="adapting", actor=cities.editor)
    services.update_replication(
        replication=replication,
        actor=cities.editor,
        outcomes=[services.OutcomeData(metric="Homes built", baseline=0, value=9, unit="homes")],
    )
    next_assessment = AssessmentFactory(jurisdiction=cities.adopter, cycle=2026)

    events, _peers = journey_of(cities.editor, cities.adopter)
    client.force_login(cities.editor)
    roadmap = client.get(reverse("assessments:roadmap", args=[next_assessment.pk]))

    assert statement.area == area
    assert member.status == CohortStatus.ACCEPTED
    # Everything happened today: the timeline keeps the loop's order within a day.
    assert [e.step for e in events] == [
        "challenge",
        "cohort",
        "insight",
        "replication",
        "stage",
        "outcome",
    ]
    assert events[-1].title == "Measured Homes built: 9 homes (baseline 0)"
    row = roadmap.context["roadmap_panels"][0]["data"]["replications"][0]
    assert (row["outcomes"][0].value, row["criteria"]) == (9, ["od-policy"])
    assert "Homes built: 0 → <strong>9</strong> homes" in roadmap.content.decode()
