from datetime import timedelta

from django.utils import timezone

from citypeers.convenings.enums import ConveningState
from citypeers.core.tokens import hash_token
from tests.factories.accounts import OrganisationFactory
from tests.factories.convenings import (
    CommitmentFactory,
    ConveningFactory,
    DelegateFactory,
    DelegationFactory,
    PartnerDelegateFactory,
    RoomFactory,
    TourFactory,
)

PARTNER_TOKEN = "matrix-partner-token"


def extend(world):
    """An open convening with a delegation from home (one official) and from other, a draft
    convening, and a pending partner invitation link for home's delegation."""
    world.convening = ConveningFactory(slug="peer-convening", host=world.other)
    world.room = RoomFactory(convening=world.convening, name="Main hall")
    world.delegation = DelegationFactory(convening=world.convening, jurisdiction=world.home)
    world.delegate = DelegateFactory(delegation=world.delegation)
    world.other_delegation = DelegationFactory(convening=world.convening, jurisdiction=world.other)
    world.draft_convening = ConveningFactory(
        slug="draft-convening", host=world.home, state=ConveningState.DRAFT
    )

    world.partner_org = OrganisationFactory(slug="matrix-foundation", name="Matrix Foundation")
    world.pending_partner = PartnerDelegateFactory(
        delegation=world.delegation,
        organisation=world.partner_org,
        email="partner@example.org",
        accepted_at=None,
        token_hash=hash_token(PARTNER_TOKEN),
        invitation_expires_at=timezone.now() + timedelta(days=7),
    )
    world.commitment = CommitmentFactory(delegation=world.delegation)
    world.tour = TourFactory(convening=world.convening)
