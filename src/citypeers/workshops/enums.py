from django.db import models


class WorkshopFormat(models.TextChoices):
    VIRTUAL = "virtual", "Virtual"
    IN_PERSON = "in_person", "In person"
    HYBRID = "hybrid", "Hybrid"


class WorkshopState(models.TextChoices):
    PLANNING = "planning", "Planning"
    RECRUITING = "recruiting", "Recruiting cities"
    IN_SESSION = "in_session", "In session"
    SYNTHESISING = "synthesising", "Synthesising insights"
    PUBLISHED = "published", "Published"


# The only moves a workshop may make; going back one step is allowed so an organiser can
# reopen recruiting or synthesis, but a published report is final.
WORKSHOP_TRANSITIONS: dict[str, tuple[str, ...]] = {
    WorkshopState.PLANNING: (WorkshopState.RECRUITING,),
    WorkshopState.RECRUITING: (WorkshopState.IN_SESSION, WorkshopState.PLANNING),
    WorkshopState.IN_SESSION: (WorkshopState.SYNTHESISING, WorkshopState.RECRUITING),
    WorkshopState.SYNTHESISING: (WorkshopState.PUBLISHED, WorkshopState.IN_SESSION),
    WorkshopState.PUBLISHED: (),
}


class CohortStatus(models.TextChoices):
    """Where a city stands in a workshop's cohort."""

    PROPOSED = "proposed", "Proposed"
    INVITED = "invited", "Invited"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    REMOVED = "removed", "Removed by the organiser"


# Cities the optimiser may replace on a re-run; the others are the organiser's or the city's call.
REPLACEABLE_STATUSES = (CohortStatus.PROPOSED,)
ACTIVE_STATUSES = (CohortStatus.PROPOSED, CohortStatus.INVITED, CohortStatus.ACCEPTED)


class ContributorRole(models.TextChoices):
    SPEAKER = "speaker", "Speaker"
    PARTNER = "partner", "Partner"
    ADVISOR = "advisor", "Advisory board"
    NOTE_TAKER = "note_taker", "Note-taker"


class Attribution(models.TextChoices):
    """How a captured statement may be credited wherever it is shown (Chatham House by default)."""

    NAMED = "named", "Named: person and city"
    CITY_ONLY = "city_only", "City only"
    UNATTRIBUTED = "unattributed", "Unattributed"


class StatementKind(models.TextChoices):
    CHALLENGE = "challenge", "Challenge"
    APPROACH = "approach", "What we tried"
    RESULT = "result", "What worked"
    BARRIER = "barrier", "Barrier"
    IDEA = "idea", "Idea or next step"
    QUESTION = "question", "Question"


class InsightState(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEWED = "reviewed", "Reviewed"
    PUBLISHED = "published", "Published"


INSIGHT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    InsightState.DRAFT: (InsightState.REVIEWED,),
    InsightState.REVIEWED: (InsightState.PUBLISHED, InsightState.DRAFT),
    InsightState.PUBLISHED: (InsightState.DRAFT,),
}


class InsightAudience(models.TextChoices):
    MEMBERS = "members", "Network members"
    PUBLIC = "public", "Everyone"


class Effort(models.TextChoices):
    LOW = "low", "Low: weeks, existing staff"
    MEDIUM = "medium", "Medium: months, a small team"
    HIGH = "high", "High: a year or more, new funding"


class WebinarStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CANCELLED = "cancelled", "Cancelled"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    WAITLISTED = "waitlisted", "On the waitlist"
    CANCELLED = "cancelled", "Cancelled"


RESERVED_SLUGS = frozenset({"new", "insights", "webinars", "api", "feed"})


# Codes of the notifications this app writes (citypeers.notifications).
WEBINAR_CANCELLED_NOTICE = "workshops.webinar_cancelled"
SESSION_CANCELLED_NOTICE = "workshops.session_cancelled"
