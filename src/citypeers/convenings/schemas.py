"""API input and output schemas for convenings (separate by direction)."""

from datetime import date, datetime

from ninja import Field, Schema

from citypeers.core.schemas import InputSchema

# ---- output ---------------------------------------------------------------------------------


class ConveningCityRef(Schema):
    slug: str
    name: str
    state: str


class RoomOut(Schema):
    name: str
    capacity: int


class ConveningOut(Schema):
    slug: str
    title: str
    host: ConveningCityRef
    summary: str
    starts_on: date
    ends_on: date
    time_zone: str
    registration_opens_on: date
    delegation_deadline: date
    state: str
    delegation_size: int
    min_senior_officials: int
    min_partners: int
    partner_types: list[str]
    max_substitutes: int
    rooms: list[RoomOut]
    version: int
    is_demo: bool
    url: str

    @staticmethod
    def resolve_rooms(obj):
        return list(obj.rooms.all())

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class RuleCheckOut(Schema):
    code: str
    label: str
    status: str = Field(description="met, missing, waived, or closed (a passed deadline)")
    detail: str
    waived_reason: str


class DelegateOut(Schema):
    id: int
    full_name: str
    email: str
    job_title: str
    kind: str
    is_senior: bool
    organisation: str | None
    partner_type: str
    relationship: str
    is_substitute: bool
    is_confirmed: bool

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.slug if obj.organisation_id else None


class DelegationOut(Schema):
    city: ConveningCityRef
    status: str
    version: int
    complete: bool
    rules: list[RuleCheckOut]
    delegates: list[DelegateOut]
    url: str


# ---- input ----------------------------------------------------------------------------------


class ConveningIn(InputSchema):
    title: str
    host: str = Field(description="The host city's directory key")
    summary: str = ""
    starts_on: date
    ends_on: date
    time_zone: str = "America/New_York"
    registration_opens_on: date
    delegation_deadline: date
    delegation_size: int = 3
    min_senior_officials: int = 2
    min_partners: int = 1
    partner_types: list[str] | None = None
    max_substitutes: int = 2


class ConveningPatch(InputSchema):
    version: int = Field(description="The version you read; a stale one answers 409")
    title: str | None = None
    host: str | None = None
    summary: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    time_zone: str | None = None
    registration_opens_on: date | None = None
    delegation_deadline: date | None = None
    delegation_size: int | None = None
    min_senior_officials: int | None = None
    min_partners: int | None = None
    partner_types: list[str] | None = None
    max_substitutes: int | None = None


class ConveningTransitionIn(InputSchema):
    to_state: str
    note: str = ""


class InviteIn(InputSchema):
    cities: list[str] = Field(description="Directory keys of the cities to invite")


class OfficialIn(InputSchema):
    full_name: str
    email: str
    job_title: str = ""
    is_senior: bool = False
    is_substitute: bool = False
    version: int | None = None


class PartnerIn(InputSchema):
    full_name: str
    email: str
    organisation: str = Field(description="The partner organisation's slug")
    relationship: str
    job_title: str = ""
    is_substitute: bool = False
    version: int | None = None


class ExceptionIn(InputSchema):
    rule: str
    reason: str


class VersionIn(InputSchema):
    version: int | None = None


class ProgressReportOut(Schema):
    status: str
    note: str
    created_at: datetime


class CommitmentOut(Schema):
    id: int
    city: ConveningCityRef
    title: str
    description: str
    solution: str | None
    insight: str | None
    owner_name: str
    due_on: date
    status: str
    version: int
    is_demo: bool
    reports: list[ProgressReportOut]

    @staticmethod
    def resolve_city(obj):
        return obj.delegation.jurisdiction

    @staticmethod
    def resolve_solution(obj):
        return obj.solution.slug if obj.solution_id else None

    @staticmethod
    def resolve_insight(obj):
        return obj.insight.slug if obj.insight_id else None

    @staticmethod
    def resolve_reports(obj):
        return list(obj.reports.all())


class CommitmentIn(InputSchema):
    title: str
    description: str = ""
    solution: str | None = Field(None, description="A knowledge solution's slug")
    insight: str | None = Field(None, description="A workshop insight's slug")
    owner_name: str
    owner_email: str
    due_on: date


class ProgressIn(InputSchema):
    status: str
    note: str = ""
    version: int | None = None
