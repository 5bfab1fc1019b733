"""API input and output schemas for workshops (separate by direction)."""

from datetime import date, datetime

from ninja import Field, Schema

from citypeers.core.schemas import InputSchema, SingleLine
from citypeers.knowledge.enums import CostBand
from citypeers.workshops.enums import (
    Attribution,
    ContributorRole,
    Effort,
    InsightAudience,
    StatementKind,
    WebinarStatus,
    WorkshopFormat,
)

# ---- output ---------------------------------------------------------------------------------


class WorkshopAreaOut(Schema):
    slug: str
    name: str


class WorkshopOrganisationRef(Schema):
    slug: str
    name: str


class WorkshopCityRef(Schema):
    slug: str
    name: str
    state: str


class WorkshopOut(Schema):
    slug: str
    title: str
    area: WorkshopAreaOut
    purpose: str
    format: str
    starts_on: date
    ends_on: date
    time_zone: str
    capacity: int
    state: str
    cohort_min: int
    cohort_max: int
    max_per_state: int | None
    max_per_region: int | None
    max_per_size_band: int | None
    require_exchange: bool
    host_organisations: list[WorkshopOrganisationRef]
    is_demo: bool
    url: str
    version: int = Field(description="Bumped by every edit; also the ETag of the detail")

    @staticmethod
    def resolve_host_organisations(obj):
        return list(obj.host_organisations.all())

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class CohortMemberOut(Schema):
    city: WorkshopCityRef
    status: str
    locked: bool
    added_by_organiser: bool
    reasons: dict
    is_demo: bool = Field(
        description="Part of a demo workshop: the city was not really invited and took no part"
    )

    @staticmethod
    def resolve_city(obj):
        return obj.jurisdiction

    @staticmethod
    def resolve_is_demo(obj):
        return obj.workshop.is_demo


class CohortRunOut(Schema):
    method: str
    status: str
    candidate_count: int
    chosen_count: int
    objective: float | None
    bound: float | None
    gap_percent: float | None
    seconds: float
    message: str
    created_at: datetime


class CohortOut(Schema):
    members: list[CohortMemberOut]
    last_run: CohortRunOut | None


class SessionOut(Schema):
    id: int
    title: str
    agenda: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    location: str
    video_url: str | None = Field(None, description="Only for the workshop's participants.")
    cancelled_at: datetime | None = Field(None, description="Set when the session was cancelled")
    cancellation_reason: str = ""

    @staticmethod
    def resolve_time_zone(obj):
        return obj.workshop.time_zone


class SessionStatementOut(Schema):
    """A statement as its speaker consented to be credited: raw names are never exposed."""

    id: int
    kind: str
    text: str
    credit: str
    attribution: str
    created_at: datetime


class PreWorkOut(Schema):
    city: WorkshopCityRef
    challenge: str
    tried: str
    worked: str
    barriers: str
    attribution: str
    version: int
    updated_at: datetime

    @staticmethod
    def resolve_city(obj):
        return obj.jurisdiction


class InsightOut(Schema):
    slug: str
    title: str
    area: WorkshopAreaOut
    workshop: str | None
    challenge: str
    steps: list[str]
    preconditions: str
    cost_band: str
    effort: str
    metrics: list[str]
    criteria_codes: list[str]
    tags: list[str]
    evidence_note: str
    evidence_cities: list[WorkshopCityRef]
    state: str
    audience: str
    published_at: datetime | None
    is_demo: bool
    url: str

    @staticmethod
    def resolve_workshop(obj):
        return obj.workshop.slug if obj.workshop_id else None

    @staticmethod
    def resolve_evidence_cities(obj):
        return list(obj.evidence_cities.all())

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class WebinarOut(Schema):
    slug: str
    title: str
    description: str
    area: WorkshopAreaOut | None
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    capacity: int
    seats_taken: int
    status: str
    recording_url: str
    materials: str
    co_hosts: list[WorkshopOrganisationRef]
    is_demo: bool
    url: str
    ics_url: str
    version: int = Field(description="Bumped by every edit; also the ETag of the detail")

    @staticmethod
    def resolve_seats_taken(obj):
        return getattr(obj, "confirmed_count", 0)

    @staticmethod
    def resolve_co_hosts(obj):
        return list(obj.co_hosts.all())

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()

    @staticmethod
    def resolve_ics_url(obj):
        return obj.get_absolute_url().rstrip("/") + ".ics"


class RegistrationOut(Schema):
    webinar: str
    status: str
    waitlist_position: int | None
    attended: bool


class ContributorOut(Schema):
    id: int
    role: str
    name: str
    organisation: WorkshopOrganisationRef | None
    topic: str
    session_id: int | None

    @staticmethod
    def resolve_name(obj):
        return obj.user.display_name if obj.user_id else obj.organisation.name


# ---- input ----------------------------------------------------------------------------------


class WorkshopIn(InputSchema):
    title: SingleLine = Field(..., min_length=1, max_length=200)
    area: str = Field(..., description="Challenge area slug")
    purpose: str = Field(..., min_length=1)
    format: WorkshopFormat = WorkshopFormat.VIRTUAL
    starts_on: date
    ends_on: date
    time_zone: str = "America/New_York"
    capacity: int = Field(40, ge=1, le=2000)
    cohort_min: int = Field(6, ge=2, le=200)
    cohort_max: int = Field(10, ge=2, le=200)
    max_per_state: int | None = Field(None, ge=1)
    max_per_region: int | None = Field(None, ge=1)
    max_per_size_band: int | None = Field(None, ge=1)
    require_exchange: bool = True
    host_organisations: list[str] = Field(default_factory=list, description="Organisation slugs")


class WorkshopPatch(InputSchema):
    title: SingleLine | None = Field(None, min_length=1, max_length=200)
    purpose: str | None = None
    format: WorkshopFormat | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    time_zone: str | None = None
    capacity: int | None = Field(None, ge=1, le=2000)
    cohort_min: int | None = Field(None, ge=2, le=200)
    cohort_max: int | None = Field(None, ge=2, le=200)
    max_per_state: int | None = Field(None, ge=1)
    max_per_region: int | None = Field(None, ge=1)
    max_per_size_band: int | None = Field(None, ge=1)
    require_exchange: bool | None = None
    version: int | None = Field(
        None, ge=1, description="The version you read (or send If-Match); 409 if it is stale"
    )


class TransitionIn(InputSchema):
    to_state: str = Field(..., max_length=20)
    note: str = Field("", max_length=300)


class CityIn(InputSchema):
    city: str = Field(..., description="Directory slug", max_length=120)


class LockIn(InputSchema):
    locked: bool = True


class CohortResponseIn(InputSchema):
    accept: bool


class SessionIn(InputSchema):
    title: SingleLine = Field(..., min_length=1, max_length=200)
    starts_at: datetime = Field(
        ..., description="ISO 8601 with an offset, e.g. 2026-03-02T15:00:00-05:00"
    )
    ends_at: datetime
    agenda: str = ""
    location: SingleLine = Field("", max_length=300)
    video_url: str = ""


class SessionCancelIn(InputSchema):
    reason: SingleLine = Field(
        "", max_length=400, description="Sent to every participant with the notice"
    )


class SessionStatementIn(InputSchema):
    kind: StatementKind
    text: str = Field(..., min_length=1, max_length=10_000)
    attribution: Attribution = Attribution.UNATTRIBUTED
    speaker_name: str = Field("", max_length=200)
    city: str | None = Field(None, description="Directory slug of the speaker's city")


class PreWorkIn(InputSchema):
    challenge: str = Field(..., min_length=1)
    tried: str = Field(..., min_length=1)
    worked: str = ""
    barriers: str = ""
    attribution: Attribution = Attribution.CITY_ONLY
    version: int | None = Field(
        None,
        ge=1,
        description="When rewriting a saved brief: the version you read (or send If-Match); "
        "409 if it is stale",
    )


class ContributorIn(InputSchema):
    role: ContributorRole
    email: str | None = None
    organisation: str | None = Field(None, description="Organisation slug")
    session_id: int | None = None
    topic: str = Field("", max_length=200)


class InsightIn(InputSchema):
    title: SingleLine = Field(..., min_length=1, max_length=200)
    area: str = Field(..., description="Challenge area slug")
    workshop: str | None = Field(None, description="Workshop slug")
    challenge: str = Field(..., min_length=1)
    steps: list[str] = Field(..., min_length=1)
    preconditions: str = ""
    cost_band: CostBand = CostBand.UNKNOWN
    effort: Effort = Effort.MEDIUM
    metrics: list[str] = Field(default_factory=list)
    criteria_codes: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    evidence_note: str = ""
    evidence_cities: list[str] = Field(default_factory=list, description="Directory slugs")
    evidence_solutions: list[str] = Field(default_factory=list, description="Solution slugs")
    audience: InsightAudience = InsightAudience.MEMBERS


class WebinarIn(InputSchema):
    title: SingleLine = Field(..., min_length=1, max_length=200)
    description: str = Field(..., min_length=1, description="Markdown")
    starts_at: datetime = Field(
        ...,
        description="ISO 8601, e.g. 2026-03-02T13:00:00-05:00; without an offset it is read in "
        "time_zone",
    )
    ends_at: datetime
    time_zone: str = Field("America/New_York", max_length=64)
    capacity: int = Field(100, ge=1, le=100_000)
    area: str | None = Field(None, description="Challenge area slug")
    video_url: str = Field("", max_length=500)
    co_hosts: list[str] = Field(default_factory=list, description="Organisation slugs")


class WebinarPatch(InputSchema):
    title: SingleLine | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, min_length=1)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    time_zone: str | None = Field(None, max_length=64)
    capacity: int | None = Field(None, ge=1, le=100_000)
    area: str | None = Field(None, description="Challenge area slug")
    video_url: str | None = Field(None, max_length=500)
    recording_url: str | None = Field(None, max_length=500)
    materials: str | None = Field(None, description="Markdown: links and notes after the event")
    co_hosts: list[str] | None = Field(None, description="Organisation slugs")
    version: int | None = Field(
        None, ge=1, description="The version you read (or send If-Match); 409 if it is stale"
    )


class WebinarStatusIn(InputSchema):
    status: WebinarStatus = Field(..., description="draft, published or cancelled")
