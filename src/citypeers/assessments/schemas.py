"""API input and output schemas for assessments (input and output kept separate)."""

from datetime import datetime
from decimal import Decimal

from ninja import Field, Schema

from citypeers.core.schemas import InputSchema


class FrameworkVersionOut(Schema):
    framework: str
    title: str
    version: str
    status: str
    areas: int
    criteria: int
    population_at_least: int | None
    level_rule: str
    certifies: bool

    @staticmethod
    def from_version(version) -> "FrameworkVersionOut":
        spec = version.spec
        return FrameworkVersionOut(
            framework=version.framework.slug,
            title=version.framework.title,
            version=version.version,
            status=version.status,
            areas=len(spec.areas),
            criteria=len(spec.criteria),
            population_at_least=spec.population_at_least,
            level_rule=spec.levels.describe(),
            certifies=spec.levels.certifies,
        )


class FrameworkDetailOut(FrameworkVersionOut):
    about: str
    modelled_on: dict
    levels: dict
    scale: list[dict]
    practice_areas: list[dict]


class JurisdictionRef(Schema):
    slug: str
    name: str
    state: str


class AssessmentOut(Schema):
    id: int
    jurisdiction: JurisdictionRef
    framework: str
    version: str
    cycle: int
    status: str
    sharing: str
    submitted_at: datetime | None
    validated_at: datetime | None
    is_demo: bool

    @staticmethod
    def resolve_framework(obj) -> str:
        return obj.version.framework.slug

    @staticmethod
    def resolve_version(obj) -> str:
        return obj.version.version


class MissingEvidenceOut(Schema):
    criterion: str
    title: str
    area: str
    requirements: list[str]


class SubmissionCheckOut(Schema):
    ready: bool
    messages: list[str] = Field(description="Why submitting would be refused, in words")
    unanswered: list[str] = Field(description="Titles of the criteria not answered yet")
    missing_evidence: list[MissingEvidenceOut]


class AssessmentIn(InputSchema):
    jurisdiction: str = Field(..., max_length=120, description="The city's directory slug")
    framework: str = Field(..., max_length=80)
    version: str = Field(..., max_length=20)
    cycle: int = Field(..., ge=2015, le=2100)


class EvidenceOut(Schema):
    id: int
    kind: str
    title: str
    url: str
    visibility: str
    requirement_key: str
    size: int
    created_at: datetime


class ReviewOut(Schema):
    met: bool | None
    checklist: list[str]
    level: int | None
    value: Decimal | None
    comment: str
    evidence_requested: bool
    reviewed_at: datetime | None


class ResponseOut(Schema):
    criterion: str
    met: bool | None
    checklist: list[str]
    level: int | None
    value: Decimal | None
    notes: str
    evidence: list[EvidenceOut]
    review: ReviewOut
    version: int = Field(description="Bumped by every change of the answer; also its ETag")


class CriterionAnswerIn(InputSchema):
    met: bool | None = None
    checklist: list[str] | None = Field(None, max_length=50)
    level: int | None = Field(None, ge=0, le=100)
    value: Decimal | None = Field(None, max_digits=14, decimal_places=3)
    notes: str = Field("", max_length=5000)


class ResponseIn(CriterionAnswerIn):
    version: int | None = Field(
        None,
        ge=0,
        description="The version of the answer you read (0: none yet), or send If-Match; 409 if "
        "it is stale",
    )


class ReviewIn(CriterionAnswerIn):
    comment: str = Field("", max_length=4000)
    evidence_requested: bool = False


class EvidenceUrlIn(InputSchema):
    url: str = Field(..., max_length=500)
    title: str = Field("", max_length=200)
    visibility: str = "reviewers"
    requirement_key: str = Field("", max_length=80)


class SharingIn(InputSchema):
    sharing: str
    show_certification: bool | None = None


class DecisionIn(InputSchema):
    summary: str = Field("", max_length=4000)


class AreaScoreOut(Schema):
    key: str
    title: str
    points: float
    max_points: float
    percent: float
    mean_level: float | None
    level: str | None
    level_title: str
    answered: int
    total: int


class ScoreOut(Schema):
    points: float
    max_points: float
    percent: float
    level: str | None
    level_title: str
    blocked: list[str]
    met: list[str]
    areas: list[AreaScoreOut]


class ResultOut(Schema):
    assessment: int
    status: str
    provisional: bool
    level_rule: str
    self_assessed: ScoreOut
    validated: ScoreOut | None
    certified_level: str | None
    is_demo: bool = Field(
        description="Invented demo content: the result says nothing about the real city"
    )


class RoadmapPeerOut(Schema):
    slug: str
    name: str
    percent: float
    level: str
    cycle: int
    is_demo: bool = Field(description="An invented demo result, not the city's real one")


class ResourceOut(Schema):
    title: str
    kind: str
    url: str
    is_demo: bool


class RoadmapStepOut(Schema):
    position: int
    criterion: str
    title: str
    area: str
    effort: str
    horizon_months: int
    unlocks: list[str]
    waits_for: list[str]
    blocks_points: bool
    peers_meeting: int
    peers: list[RoadmapPeerOut]
    resources: list[ResourceOut]


class BenchmarkGroupOut(Schema):
    key: str
    label: str
    size: int | None
    percentile: int | None
    median: float | None
    hidden_reason: str
    demo_count: int | None = Field(
        description="How many of the group's results are invented demo content (when shown)"
    )


class BenchmarksOut(Schema):
    assessment: int
    percent: float
    groups: list[BenchmarkGroupOut]
    peer_median_by_area: dict[str, float] | None
    peer_median_group: str
    peer_median_hidden_reason: str
    peer_median_demo_count: int = Field(
        description="How many results behind the peer median are invented demo content"
    )


class ProgressPointOut(Schema):
    framework: str
    cycle: int
    version: str
    assessment: int
    self_assessed: float | None
    validated: float | None
    level: str
    is_demo: bool = Field(description="Invented demo content, not the city's real result")
