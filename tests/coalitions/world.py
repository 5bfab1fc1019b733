from tests.factories.accounts import CoalitionFactory, OrganisationFactory
from tests.factories.coalitions import (
    CoalitionPartnerFactory,
    CoalitionProfileFactory,
    CoalitionProjectFactory,
    PartnershipFactory,
    ReplicationFactory,
    ReplicationQuestionFactory,
)
from tests.factories.knowledge import SolutionFactory, SolutionOutcomeFactory


def extend(world):
    """`other` (whose editor is the other_editor persona) owns two solutions; `home` (the
    member, editor and city_admin personas' city) replicates the first, at "considering",
    visible to network members; one question on it awaits the origin's answer. The matrix
    coalition has one partner and one project; no persona administers it, so only the network
    organiser and the site admin may run it."""
    world.origin_solution = SolutionFactory(
        owner=world.other, slug="other-land-trust", challenges=[world.area]
    )
    SolutionOutcomeFactory(solution=world.origin_solution)
    world.replicable_solution = SolutionFactory(
        owner=world.other, slug="other-bike-lanes", challenges=[world.area]
    )
    world.replication = ReplicationFactory(solution=world.origin_solution, adopter=world.home)
    world.question = ReplicationQuestionFactory(replication=world.replication)
    world.region_coalition = CoalitionFactory(slug="matrix-alliance")
    CoalitionProfileFactory(organisation=world.region_coalition)
    world.region_partnership = PartnershipFactory(
        slug="matrix-partnership", coalitions=[world.region_coalition]
    )
    world.coalition_partner = CoalitionPartnerFactory(
        coalition=world.region_coalition,
        partner=OrganisationFactory(slug="matrix-university", name="Matrix University"),
    )
    world.coalition_project = CoalitionProjectFactory(coalition=world.region_coalition)
