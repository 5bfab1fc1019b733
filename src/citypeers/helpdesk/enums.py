from django.db import models


class RequestStatus(models.TextChoices):
    """new → open (triaged) → routed (people invited) → answered → resolved (an answer accepted)
    → published (a Q&A in the library, with the asker's consent); or closed / merged."""

    NEW = "new", "New"
    OPEN = "open", "Open"
    ROUTED = "routed", "Routed to peers"
    ANSWERED = "answered", "Answered"
    RESOLVED = "resolved", "Resolved"
    PUBLISHED = "published", "Published as Q&A"
    CLOSED = "closed", "Closed"
    MERGED = "merged", "Merged into another request"


# Statuses in which people may still answer.
ANSWERABLE = (
    RequestStatus.OPEN,
    RequestStatus.ROUTED,
    RequestStatus.ANSWERED,
    RequestStatus.RESOLVED,
)
# Statuses an organiser's queue shows by default (someone still has to act).
ACTIVE = (RequestStatus.NEW, RequestStatus.OPEN, RequestStatus.ROUTED, RequestStatus.ANSWERED)


class Urgency(models.TextChoices):
    LOW = "low", "Low: in the next months"
    MEDIUM = "medium", "Medium: in the next weeks"
    HIGH = "high", "High: a decision is due within days"


class RequestVisibility(models.TextChoices):
    NETWORK = "network", "Network members"
    ORGANISERS = "organisers", "Organisers and invited people only"


class TriageDecision(models.TextChoices):
    ACCEPT = "accept", "Accept"
    MERGE = "merge", "Merge into a duplicate"
    CLOSE = "close", "Close with a reason"


class InviteeKind(models.TextChoices):
    CITY = "city", "Peer city"
    EXPERT = "expert", "Expert"


class NoticeKind:
    """Codes of the notifications this app writes (citypeers.notifications)."""

    TRIAGED = "helpdesk.triaged"
    INVITED = "helpdesk.invited"
    ANSWERED = "helpdesk.answered"
    ACCEPTED = "helpdesk.accepted"
    PUBLISHED = "helpdesk.published"
