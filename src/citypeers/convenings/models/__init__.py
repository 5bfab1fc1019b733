"""Convenings' models: the gathering and its delegations (`convening`), its programme of
proposed sessions, the timetable and personal agendas (`programme`), and 1:1 networking
between delegates (`networking`)."""

from citypeers.convenings.models.convening import (
    DEFAULT_PARTNER_TYPES,
    Commitment,
    Convening,
    ConveningStateChange,
    Delegate,
    Delegation,
    ProgressReport,
    ReminderSent,
    Room,
    RuleException,
    Tour,
    TourSignup,
    default_partner_types,
    validate_partner_types,
    validate_time_zone,
)
from citypeers.convenings.models.networking import Meeting, NetworkingPlan, NetworkingProfile
from citypeers.convenings.models.programme import (
    AgendaItem,
    Placement,
    ProposalReview,
    ProposalVote,
    SessionProposal,
    SessionSpeaker,
    TimeSlot,
    Timetable,
)

__all__ = [
    "DEFAULT_PARTNER_TYPES",
    "AgendaItem",
    "Commitment",
    "Convening",
    "ConveningStateChange",
    "Delegate",
    "Delegation",
    "Meeting",
    "NetworkingPlan",
    "NetworkingProfile",
    "Placement",
    "ProgressReport",
    "ProposalReview",
    "ProposalVote",
    "ReminderSent",
    "Room",
    "RuleException",
    "SessionProposal",
    "SessionSpeaker",
    "TimeSlot",
    "Timetable",
    "Tour",
    "TourSignup",
    "default_partner_types",
    "validate_partner_types",
    "validate_time_zone",
]
