from citypeers.workshops.enums import (
    CohortStatus,
    ContributorRole,
    InsightAudience,
    InsightState,
    WebinarStatus,
    WorkshopState,
)
from tests.factories.directory import JurisdictionFactory
from tests.factories.workshops import (
    CohortMemberFactory,
    ContributorFactory,
    InsightFactory,
    PreWorkFactory,
    RegistrationFactory,
    SessionFactory,
    StatementFactory,
    WebinarFactory,
    WorkshopFactory,
)


def extend(world):
    """A recruiting workshop (home accepted, other invited), a planning and a published one,
    insights for each audience and state, and webinars."""
    world.workshop = WorkshopFactory(slug="housing-cohort", area=world.area)
    CohortMemberFactory(workshop=world.workshop, jurisdiction=world.home)
    CohortMemberFactory(
        workshop=world.workshop, jurisdiction=world.other, status=CohortStatus.INVITED
    )
    world.proposed_city = JurisdictionFactory(name="Proposedville", slug="proposedville-tx")
    CohortMemberFactory(
        workshop=world.workshop, jurisdiction=world.proposed_city, status=CohortStatus.PROPOSED
    )
    world.session = SessionFactory(workshop=world.workshop)
    StatementFactory(session=world.session)
    PreWorkFactory(workshop=world.workshop, jurisdiction=world.home)
    world.contributor = ContributorFactory(workshop=world.workshop, role=ContributorRole.SPEAKER)
    world.planning_workshop = WorkshopFactory(
        slug="planning-cohort", area=world.area, state=WorkshopState.PLANNING
    )
    world.published_workshop = WorkshopFactory(
        slug="published-cohort", area=world.area, state=WorkshopState.PUBLISHED
    )
    world.insight = InsightFactory(
        slug="public-insight",
        area=world.area,
        workshop=world.published_workshop,
        evidence_cities=[world.home],
    )
    world.members_insight = InsightFactory(
        slug="members-insight", area=world.area, audience=InsightAudience.MEMBERS
    )
    world.draft_insight = InsightFactory(
        slug="draft-insight", area=world.area, state=InsightState.DRAFT, published_at=None
    )
    world.webinar = WebinarFactory(slug="land-trust-101")
    world.draft_webinar = WebinarFactory(slug="draft-webinar", status=WebinarStatus.DRAFT)
    RegistrationFactory(webinar=world.webinar, user=world.users["member"])
