from datetime import timedelta

from django.utils import timezone

from citypeers.convenings.enums import ConveningState, ProposalStatus
from citypeers.convenings.models import Meeting
from citypeers.convenings.selectors.programme import agenda_feed_token
from citypeers.core.tokens import hash_token
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.factories.convenings import (
    CommitmentFactory,
    ConveningFactory,
    DelegateFactory,
    DelegationFactory,
    PartnerDelegateFactory,
    PlacementFactory,
    RoomFactory,
    SessionProposalFactory,
    SessionSpeakerFactory,
    TimeSlotFactory,
    TimetableFactory,
    TourFactory,
)

PARTNER_TOKEN = "matrix-partner-token"


def extend(world):
    """An open convening with a delegation from home (one official) and from other, a draft
    convening, and a pending partner invitation link for home's delegation."""
    world.convening = ConveningFactory(slug="peer-convening", host=world.other)
    world.room = RoomFactory(convening=world.convening, name="Main hall")
    world.delegation = DelegationFactory(convening=world.convening, jurisdiction=world.home)
    # The member persona holds home's seat: a delegate for the programme's pages.
    world.delegate = DelegateFactory(delegation=world.delegation, user=world.users["member"])
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

    # The programme: a proposal by another city's delegate (no persona), and an accepted session
    # the member speaks in, placed in the published timetable.
    world.speaker = DelegateFactory(delegation=world.other_delegation, user=UserFactory())
    world.proposal = SessionProposalFactory(
        convening=world.convening, proposer=world.speaker.user, challenge_area=world.area
    )
    SessionSpeakerFactory(proposal=world.proposal, delegate=world.speaker)
    world.accepted_session = SessionProposalFactory(
        convening=world.convening, proposer=world.speaker.user, status=ProposalStatus.ACCEPTED
    )
    SessionSpeakerFactory(proposal=world.accepted_session, delegate=world.delegate)
    world.slot = TimeSlotFactory(convening=world.convening)
    world.placement = PlacementFactory(
        proposal=world.accepted_session, room=world.room, slot=world.slot
    )
    world.timetable = TimetableFactory(convening=world.convening, published_at=timezone.now())
    world.agenda_token = agenda_feed_token(world.users["member"], world.convening)

    # Networking: a proposed meeting between the member's seat and the other city's speaker.
    world.meeting = Meeting.objects.create(
        convening=world.convening,
        delegate_a=world.delegate,
        delegate_b=world.speaker,
        slot=1,
        table=1,
        interest=2,
        reason="Matrix learns about housing",
    )
    # Someone of the other city the member has no meeting with yet, to ask for one.
    world.other_official = DelegateFactory(delegation=world.other_delegation, user=UserFactory())
