"""API schemas for the programme: proposals, reviews, decisions, the timetable and agendas."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from citypeers.core.schemas import InputSchema, SingleLine

# ---- output ---------------------------------------------------------------------------------


class SpeakerOut(Schema):
    delegate: int = Field(description="The delegate's id, as in the speaker lists")
    name: str
    city: str
    confirmed: bool

    @staticmethod
    def resolve_delegate(obj):
        return obj.delegate_id

    @staticmethod
    def resolve_name(obj):
        return obj.delegate.full_name

    @staticmethod
    def resolve_city(obj):
        return obj.delegate.delegation.jurisdiction.name

    @staticmethod
    def resolve_confirmed(obj):
        return obj.confirmed_at is not None


class ProposalOut(Schema):
    id: int
    title: str
    format: str
    challenge_area: str | None = Field(description="The challenge area's slug")
    description: str
    needs: str
    status: str
    decision_message: str
    speakers: list[SpeakerOut]
    votes: int
    voted: bool = Field(description="Whether the caller voted for it")
    version: int
    is_demo: bool
    url: str

    @staticmethod
    def resolve_challenge_area(obj):
        return obj.challenge_area.slug if obj.challenge_area_id else None

    @staticmethod
    def resolve_speakers(obj):
        return list(obj.speaker_rows.all())

    @staticmethod
    def resolve_votes(obj):
        return obj.vote_count

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class ProposalReviewSummary(Schema):
    relevance: float | None
    feasibility: float | None


class ProposalDetailOut(ProposalOut):
    review_averages: ProposalReviewSummary | None = Field(
        description="Average scores, for organisers only (null for others)"
    )


class PlacementOut(Schema):
    proposal: int
    title: str
    room: str
    starts_at: datetime
    ends_at: datetime
    is_manual: bool

    @staticmethod
    def resolve_proposal(obj):
        return obj.proposal_id

    @staticmethod
    def resolve_title(obj):
        return obj.proposal.title

    @staticmethod
    def resolve_room(obj):
        return obj.room.name

    @staticmethod
    def resolve_starts_at(obj):
        return obj.slot.starts_at

    @staticmethod
    def resolve_ends_at(obj):
        return obj.slot.ends_at


class SlotOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime


class TimetableConflictOut(Schema):
    kind: str = Field(description="unplaced, over_capacity, same_area or fixed_clash")
    sessions: list[str]
    slot: str
    detail: str


class TimetableOut(Schema):
    published: bool
    proposed_at: datetime | None
    penalty: int
    slots: list[SlotOut]
    placements: list[PlacementOut]
    conflicts: list[TimetableConflictOut]


class AgendaEntryOut(Schema):
    proposal: int
    title: str
    room: str | None
    starts_at: datetime | None
    ends_at: datetime | None
    clashes_with: list[str]


# ---- input ----------------------------------------------------------------------------------


class ProposalIn(InputSchema):
    title: SingleLine = Field(..., min_length=1, max_length=200)
    format: Literal["panel", "workshop", "roundtable", "lightning"]
    challenge_area: str | None = Field(None, description="A challenge area's slug")
    description: str = Field(..., min_length=1)
    needs: str = ""
    speakers: list[int] = Field(default_factory=list, description="Delegate ids")


class ProposalPatch(InputSchema):
    version: int | None = Field(None, ge=1, description="Or send If-Match")
    title: SingleLine | None = Field(None, min_length=1, max_length=200)
    format: Literal["panel", "workshop", "roundtable", "lightning"] | None = None
    challenge_area: str | None = None
    description: str | None = Field(None, min_length=1)
    needs: str | None = None
    speakers: list[int] | None = None


class ProposalReviewIn(InputSchema):
    relevance: int = Field(..., ge=1, le=5)
    feasibility: int = Field(..., ge=1, le=5)
    comment: str = ""


class ProposalDecisionIn(InputSchema):
    decision: Literal["accepted", "declined"]
    message: str = Field(..., min_length=1)
    version: int | None = Field(None, ge=1, description="Or send If-Match")


class PlacementIn(InputSchema):
    room: str = Field(..., description="The room's name")
    slot: int = Field(..., description="The slot's id (GET …/timetable lists them)")


class AgendaIn(InputSchema):
    proposal: int
