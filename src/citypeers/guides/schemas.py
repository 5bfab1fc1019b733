"""API bodies and answers for guides."""

from datetime import datetime

from ninja import Field, Schema

from citypeers.core.schemas import InputSchema, SingleLine
from citypeers.guides.enums import BlockKind, MemberRole, ReviewDecision


class GuideIn(InputSchema):
    title: SingleLine = Field(..., min_length=1, max_length=200)
    purpose: str = Field(..., min_length=1, max_length=5000)
    audience: SingleLine = Field(..., min_length=1, max_length=300)
    area: str = Field(..., max_length=80, description="A challenge area's slug")
    criteria_keys: list[str] = Field(default_factory=list, max_length=50)
    lead_city: str | None = Field(None, max_length=120, description="Your city (slug or GEOID)")
    required_approvals: int = Field(2, ge=1, le=5)
    outside_approval_required: bool = True


class GuidePatch(InputSchema):
    title: SingleLine | None = Field(None, min_length=1, max_length=200)
    purpose: str | None = Field(None, min_length=1, max_length=5000)
    audience: SingleLine | None = Field(None, min_length=1, max_length=300)
    area: str | None = Field(None, max_length=80)
    criteria_keys: list[str] | None = Field(None, max_length=50)
    required_approvals: int | None = Field(None, ge=1, le=5)
    outside_approval_required: bool | None = None
    version: int | None = Field(None, ge=1)


class GuideMemberIn(InputSchema):
    email: str = Field(..., max_length=254)
    role: MemberRole


class GuideInvitationAnswerIn(InputSchema):
    accept: bool


class GuideChapterIn(InputSchema):
    title: SingleLine = Field(..., min_length=1, max_length=200)


class GuideSectionIn(InputSchema):
    title: SingleLine = Field(..., min_length=1, max_length=200)
    body: str = Field("", max_length=100_000)


class GuideSectionUpdateIn(GuideSectionIn):
    version: int | None = Field(None, ge=1, description="The version you read (or If-Match)")


class GuideBlockIn(InputSchema):
    kind: BlockKind
    title: SingleLine = Field("", max_length=200)
    solution: str | None = Field(None, max_length=140, description="A solution's slug")
    insight: str | None = Field(None, max_length=140, description="An insight's slug")
    items: list[str] = Field(default_factory=list, max_length=100)
    url: str = Field("", max_length=200)
    note: str = Field("", max_length=2000)


class GuideEditionIn(InputSchema):
    release_notes: str = Field(..., min_length=1, max_length=5000)
    major: bool = False
    reviewers: list[str] = Field(default_factory=list, max_length=20, description="Emails")


class GuideReviewerIn(InputSchema):
    email: str = Field(..., max_length=254)


class GuideDecisionIn(InputSchema):
    decision: ReviewDecision
    note: str = Field("", max_length=2000)


class GuideCommentIn(InputSchema):
    body: str = Field(..., min_length=1, max_length=5000)
    section_id: int | None = Field(None, ge=1)


class GuideResolveIn(InputSchema):
    resolution: str = Field(..., min_length=1, max_length=400)


class GuideMemberOut(Schema):
    id: int
    name: str
    role: str
    status: str
    city: str | None
    organisation: str | None


class GuideListOut(Schema):
    slug: str
    title: str
    area: str
    url: str
    current_edition: str | None
    published_at: datetime | None
    is_demo: bool


class GuideBlockOut(Schema):
    kind: str
    title: str
    solution: str | None
    insight: str | None
    items: list[str]
    url: str
    file: str | None = Field(None, description="Where to download a resource's file")
    note: str


class GuideSectionOut(Schema):
    id: int
    title: str
    body: str
    version: int
    blocks: list[GuideBlockOut]


class GuideChapterOut(Schema):
    id: int
    title: str
    sections: list[GuideSectionOut]


class GuideEditionSummaryOut(Schema):
    number: str
    status: str
    published_at: datetime | None
    release_notes: str


class GuideOut(GuideListOut):
    purpose: str
    audience: str
    criteria_keys: list[str]
    required_approvals: int
    outside_approval_required: bool
    version: int
    members: list[GuideMemberOut]
    editions: list[GuideEditionSummaryOut]
    draft: list[GuideChapterOut] | None = Field(
        None, description="The working draft, for the consortium and the organisers only"
    )


class GuideSectionSaveOut(GuideSectionOut):
    merged: bool = Field(False, description="True when another author's save was merged in")


class GuideRevisionOut(Schema):
    number: int
    title: str
    author: str | None
    created_at: datetime
    summary: str
    merged: bool


class GuideDiffLineOut(Schema):
    op: str
    text: str


class GuideRevisionDetailOut(GuideRevisionOut):
    body: str
    diff: list[GuideDiffLineOut]


class GuideReviewOut(Schema):
    reviewer: str
    affiliation: str
    outside_consortium: bool
    decision: str
    note: str
    decided_at: datetime | None


class GuideCommentOut(Schema):
    id: int
    author: str | None
    section_id: int | None
    section_title: str
    body: str
    resolved: bool
    resolution: str


class GuideEditionOut(GuideEditionSummaryOut):
    guide: str
    content: dict
    reviews: list[GuideReviewOut]
    comments: list[GuideCommentOut]
    missing_for_publication: list[str]
    citation: str
