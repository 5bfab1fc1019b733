"""Input and output schemas for the replication ledger API (never one schema for both)."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from citypeers.coalitions.enums import (
    CostKind,
    FinancialModel,
    ReplicationStage,
    ReplicationVisibility,
)
from citypeers.core.schemas import InputSchema, SingleLine
from citypeers.knowledge.schemas import CityRef


class SolutionRef(Schema):
    slug: str
    title: str
    url: str
    owner: CityRef


class BarrierOut(Schema):
    kind: str = Field(description="Barrier slug (GET /barrier-kinds)")
    name: str
    notes: str


class CostOut(Schema):
    kind: CostKind
    amount: Decimal
    currency: str
    year: int
    note: str


class OutcomeOut(Schema):
    metric: str = Field(description="One of the origin solution's outcome metrics")
    baseline: float | None
    value: float
    unit: str
    unit_note: str
    measured_on: dt.date | None
    source_note: str


class StageChangeOut(Schema):
    from_stage: str
    to_stage: ReplicationStage
    reason: str
    changed_on: dt.date
    actor: str | None


class QuestionOut(Schema):
    id: int
    body: str
    asked_by: str | None
    asked_at: dt.datetime
    answer: str
    answered_by: str | None
    answered_at: dt.datetime | None


class ReplicationListOut(Schema):
    id: int
    url: str
    solution: SolutionRef
    adopter: CityRef
    stage: ReplicationStage
    stage_changed_on: dt.date
    visibility: ReplicationVisibility
    is_demo: bool
    version: int
    updated_at: dt.datetime


class ReplicationOut(ReplicationListOut):
    stage_reason: str
    adapted: str
    financial_model: str
    partners: list[str] = Field(description="Organisation slugs")
    prompted_by_insight: str | None = Field(description="Insight slug")
    prompted_by_workshop: str | None = Field(description="Workshop slug")
    prompted_by_note: str
    barriers: list[BarrierOut]
    costs: list[CostOut]
    outcomes: list[OutcomeOut]
    stage_changes: list[StageChangeOut]
    questions: list[QuestionOut]


class BarrierIn(InputSchema):
    kind: str = Field(description="Barrier slug")
    notes: str = Field("", max_length=2000)


class CostIn(InputSchema):
    kind: CostKind
    amount: Decimal = Field(ge=0, max_digits=14, decimal_places=2)
    currency: str = Field("USD", min_length=3, max_length=3)
    year: int = Field(ge=1990, le=2100)
    note: str = Field("", max_length=400)


class OutcomeIn(InputSchema):
    metric: str = Field(max_length=200)
    value: float
    baseline: float | None = None
    unit: str = Field("", max_length=40)
    unit_note: str = Field("", max_length=400)
    measured_on: dt.date | None = None
    source_note: str = Field("", max_length=400)


class ReplicationIn(InputSchema):
    solution: str = Field(description="Origin solution slug")
    adopter: str = Field(description="Adopting city: Census GEOID or slug")
    adapted: str = Field("", max_length=20_000)
    financial_model: FinancialModel = FinancialModel.UNKNOWN
    partners: list[str] = Field(default_factory=list, description="Organisation slugs")
    prompted_by_insight: str | None = Field(None, description="Published insight slug")
    prompted_by_workshop: str | None = Field(None, description="Workshop slug")
    prompted_by_note: str = Field("", max_length=400)
    visibility: ReplicationVisibility = ReplicationVisibility.NETWORK


class ReplicationPatch(InputSchema):
    version: int = Field(description="The version you read; a stale one answers 409")
    adapted: str | None = Field(None, max_length=20_000)
    financial_model: FinancialModel | None = None
    partners: list[str] | None = None
    prompted_by_insight: str | None = None
    prompted_by_workshop: str | None = None
    prompted_by_note: str | None = Field(None, max_length=400)
    visibility: ReplicationVisibility | None = None
    barriers: list[BarrierIn] | None = None
    costs: list[CostIn] | None = None
    outcomes: list[OutcomeIn] | None = None


class StageIn(InputSchema):
    stage: ReplicationStage
    reason: str = Field("", max_length=400)
    changed_on: dt.date | None = None
    version: int | None = Field(None, description="The version you read; a stale one answers 409")


class QuestionIn(InputSchema):
    body: str = Field(min_length=1, max_length=4000)


class AnswerIn(InputSchema):
    answer: str = Field(min_length=1, max_length=4000)


class BarrierKindOut(Schema):
    slug: str
    name: str


class BarrierCountOut(Schema):
    name: str
    cities: int


class OutcomeCompareOut(Schema):
    metric: str
    origin: OutcomeOut | None
    replications: list[dict]


class LineageOut(Schema):
    solution: SolutionRef
    count: int
    stages: dict[str, int]
    top_barriers: list[BarrierCountOut]
    outcomes: list[OutcomeCompareOut]
    replications: list[ReplicationListOut]


class OrgRef(Schema):
    slug: str
    name: str


class PartnerRoleOut(Schema):
    partner: OrgRef
    role: str
    is_demo: bool


class ProjectOut(Schema):
    id: int
    version: int
    title: str
    description: str
    area: str | None
    solution: str | None
    is_demo: bool


class CoalitionOut(Schema):
    slug: str
    name: str
    url: str
    website: str
    mission: str
    region_states: list[str]
    region_counties: str
    region_metro: str
    source_note: str
    is_demo: bool
    version: int = Field(description="The profile's version, for If-Match on PATCH")
    members: list[CityRef]
    partners: list[PartnerRoleOut]
    projects: list[ProjectOut]
    partnerships: list[OrgRef]


class PartnershipOut(Schema):
    slug: str
    name: str
    url: str
    description: str
    source_note: str
    is_demo: bool
    coalitions: list[OrgRef]
    organisers: list[OrgRef]
    agenda: list[str] = Field(description="Challenge area slugs")
    version: int
    government_count: int = Field(description="Unique member governments across coalitions")


class AreaCountOut(Schema):
    area: str
    name: str
    member_governments: int


class LevelCountOut(Schema):
    level: str
    member_governments: int


class DashboardOut(Schema):
    member_count: int
    states: list[str]
    challenge_areas: list[AreaCountOut]
    solution_count: int
    replication_stages: dict[str, int]
    certification_levels: list[LevelCountOut] | None = Field(
        description="Only when at least 5 member governments are certified"
    )
    certified_count: int
    certification_cycle: int | None
    sources: dict[str, str]


# --- running a coalition and a partnership ----------------------------------------------------

VERSION_HELP = "The version you read (or send If-Match); a stale one answers 409"


class CoalitionPatch(InputSchema):
    version: int | None = Field(None, description=VERSION_HELP)
    mission: str | None = Field(None, max_length=20_000)
    region_states: list[str] | None = Field(None, description="Two-letter state codes")
    region_counties: SingleLine | None = Field(None, max_length=400)
    region_metro: SingleLine | None = Field(None, max_length=200)
    source_note: SingleLine | None = Field(None, max_length=400)


class CoalitionPartnerIn(InputSchema):
    partner: str = Field(description="Slug of a partner organisation or another coalition")
    role: SingleLine = Field("", max_length=200)


class CoalitionPartnerPatch(InputSchema):
    role: SingleLine = Field(max_length=200)


class ProjectIn(InputSchema):
    title: SingleLine = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=20_000)
    area: str | None = Field(None, description="Challenge area slug")
    solution: str | None = Field(None, description="Slug of a published solution")


class ProjectPatch(InputSchema):
    version: int | None = Field(None, description=VERSION_HELP)
    title: SingleLine | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=20_000)
    area: str | None = Field(None, description="Challenge area slug; null clears it")
    solution: str | None = Field(None, description="Solution slug; null clears it")


class PartnershipPatch(InputSchema):
    version: int | None = Field(None, description=VERSION_HELP)
    name: SingleLine | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=20_000)
    source_note: SingleLine | None = Field(None, max_length=400)
    coalitions: list[str] | None = Field(None, description="Coalition slugs (at least two)")
    agenda: list[str] | None = Field(None, description="Challenge area slugs")
