"""Input and output schemas for the knowledge API (never one schema for both)."""

import datetime as dt

from ninja import Field, Schema

from citypeers.core.enums import PublicationStatus
from citypeers.core.schemas import InputSchema
from citypeers.knowledge.enums import CostBand, EvidenceLevel, Priority, SolutionStatus


class ChallengeAreaOut(Schema):
    slug: str
    name: str
    parent: str | None = Field(None, description="Slug of the top-level area, if a sub-area")
    description: str
    statement_count: int = Field(description="Published statements (cities)")
    solution_count: int = Field(description="Published solutions")


class CityRef(Schema):
    id: int
    slug: str
    name: str
    state: str
    population: int | None


class AreaRef(Schema):
    slug: str
    name: str


class StatementOut(Schema):
    id: int
    jurisdiction: CityRef
    area: AreaRef
    priority: Priority
    narrative: str
    source_note: str
    status: PublicationStatus
    is_demo: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int = Field(description="Bumped by every change; also the ETag of the detail")


class StatementIn(InputSchema):
    jurisdiction: str = Field(description="The city: Census GEOID or slug")
    area: str = Field(description="Challenge area slug")
    priority: Priority = Priority.MEDIUM
    narrative: str = Field(min_length=1, max_length=20_000)
    source_note: str = Field("", max_length=400)
    status: PublicationStatus = PublicationStatus.DRAFT


class StatementPatch(InputSchema):
    area: str | None = None
    priority: Priority | None = None
    narrative: str | None = Field(None, min_length=1, max_length=20_000)
    source_note: str | None = Field(None, max_length=400)
    status: PublicationStatus | None = None
    version: int | None = Field(
        None, ge=1, description="The version you read (or send If-Match); 409 if it is stale"
    )


class OrganisationRef(Schema):
    slug: str
    name: str
    kind: str
    partner_type: str


class OutcomeIO(InputSchema):
    name: str = Field(min_length=1, max_length=200)
    baseline: float | None = None
    value: float
    unit: str = Field("", max_length=40)
    measured_on: dt.date | None = None


class LinkIO(InputSchema):
    title: str = Field(min_length=1, max_length=200)
    url: str = Field(max_length=200)


class AttachmentOut(Schema):
    id: int
    title: str
    content_type: str
    size: int
    url: str


class SolutionListOut(Schema):
    slug: str
    title: str
    url: str
    owner: CityRef
    challenges: list[AreaRef]
    solution_status: SolutionStatus
    evidence_level: EvidenceLevel
    cost_band: CostBand
    started_on: dt.date | None
    status: PublicationStatus
    is_demo: bool
    updated_at: dt.datetime


class SolutionOut(SolutionListOut):
    problem: str
    approach: str
    partners: list[OrganisationRef]
    outcomes: list[OutcomeIO]
    links: list[LinkIO]
    attachments: list[AttachmentOut]
    source_note: str
    created_at: dt.datetime
    version: int = Field(description="Bumped by every change; also the ETag of the detail")


class SolutionIn(InputSchema):
    owner: str = Field(description="The owning city: Census GEOID or slug")
    title: str = Field(min_length=1, max_length=200)
    challenges: list[str] = Field(min_length=1, description="Challenge area slugs")
    problem: str = Field(min_length=1, max_length=20_000)
    approach: str = Field(min_length=1, max_length=20_000)
    partners: list[str] = Field(default_factory=list, description="Organisation slugs")
    cost_band: CostBand = CostBand.UNKNOWN
    started_on: dt.date | None = None
    solution_status: SolutionStatus = SolutionStatus.PLANNED
    evidence_level: EvidenceLevel = EvidenceLevel.ANECDOTAL
    source_note: str = Field("", max_length=400)
    status: PublicationStatus = PublicationStatus.DRAFT
    outcomes: list[OutcomeIO] = Field(default_factory=list)
    links: list[LinkIO] = Field(default_factory=list)


class SolutionPatch(InputSchema):
    title: str | None = Field(None, min_length=1, max_length=200)
    challenges: list[str] | None = None
    problem: str | None = Field(None, min_length=1, max_length=20_000)
    approach: str | None = Field(None, min_length=1, max_length=20_000)
    partners: list[str] | None = None
    cost_band: CostBand | None = None
    started_on: dt.date | None = None
    solution_status: SolutionStatus | None = None
    evidence_level: EvidenceLevel | None = None
    source_note: str | None = Field(None, max_length=400)
    status: PublicationStatus | None = None
    outcomes: list[OutcomeIO] | None = None
    links: list[LinkIO] | None = None
    version: int | None = Field(
        None, ge=1, description="The version you read (or send If-Match); 409 if it is stale"
    )
