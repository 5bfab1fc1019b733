from django.db import models


class ConveningState(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for delegations"
    PROGRAMME = "programme", "Programme"
    LIVE = "live", "Live"
    FOLLOW_UP = "follow_up", "Follow-up"
    CLOSED = "closed", "Closed"


# One step forward, or back one step while nothing has happened that cannot be undone.
CONVENING_TRANSITIONS: dict[str, tuple[str, ...]] = {
    ConveningState.DRAFT: (ConveningState.OPEN,),
    ConveningState.OPEN: (ConveningState.PROGRAMME, ConveningState.DRAFT),
    ConveningState.PROGRAMME: (ConveningState.LIVE, ConveningState.OPEN),
    ConveningState.LIVE: (ConveningState.FOLLOW_UP,),
    ConveningState.FOLLOW_UP: (ConveningState.CLOSED,),
    ConveningState.CLOSED: (),
}

# States in which cities may still change their delegations (the deadline applies too).
DELEGATION_EDIT_STATES = (ConveningState.DRAFT, ConveningState.OPEN, ConveningState.PROGRAMME)


class DelegationStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    SUBMITTED = "submitted", "Submitted by the city"
    CONFIRMED = "confirmed", "Confirmed by the network"
    DECLINED = "declined", "Declined"


class DelegateKind(models.TextChoices):
    OFFICIAL = "official", "City official"
    PARTNER = "partner", "Partner organisation"


class CommitmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


RESERVED_SLUGS = frozenset({"new", "partner-invitation", "api"})
PARTNER_INVITATION_LIFETIME_DAYS = 14


class TourSignupStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    WAITLISTED = "waitlisted", "On the waitlist"
    CANCELLED = "cancelled", "Cancelled"


class SessionFormat(models.TextChoices):
    PANEL = "panel", "Panel"
    WORKSHOP = "workshop", "Workshop"
    ROUNDTABLE = "roundtable", "Roundtable"
    LIGHTNING = "lightning", "Lightning talks"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class MeetingNotice(models.TextChoices):
    PROPOSED = "convenings.meetings_proposed", "1:1 meetings proposed to you at a convening"
    ANSWERED = "convenings.meeting_answered", "The other delegate answered a 1:1 meeting"
    REQUESTED = "convenings.meeting_requested", "A delegate asks you for a 1:1 meeting"


class MeetingStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


# States in which delegates and organisers may propose sessions.
PROPOSAL_STATES = (ConveningState.OPEN, ConveningState.PROGRAMME)

# What organisers score each proposal on, 1 (weak) to 5 (strong).
REVIEW_CRITERIA: dict[str, str] = {
    "relevance": "Relevance to the cities' challenges",
    "feasibility": "Feasibility in the time and room",
}
