"""API schemas for 1:1 networking: preferences, the proposal of meetings and the answers."""

from typing import Literal

from ninja import Field, Schema

from citypeers.core.schemas import InputSchema


class SuggestionSourceOut(Schema):
    kind: Literal["statement", "assessment", "solution"]
    text: str = Field(description="Where the suggestion comes from, in words")
    url: str = Field(description="The source's page, when it has one")


class SuggestionOut(Schema):
    area: str = Field(description="Challenge area slug")
    name: str
    sources: list[SuggestionSourceOut]


class SuggestedOut(Schema):
    wants: list[SuggestionOut]
    offers: list[SuggestionOut]


class PreferencesOut(Schema):
    delegate: int = Field(description="The caller's seat (delegate id)")
    wants: list[str] = Field(description="Challenge area slugs the delegate wants to learn about")
    offers: list[str] = Field(description="Challenge area slugs the delegate can offer")
    saved: bool = Field(
        description="False while the areas are prefilled from the city's published challenge "
        "statements, its latest assessment's open criteria and its published solutions"
    )
    suggested: SuggestedOut | None = Field(
        description="While nothing is saved: each prefilled area with where it comes from"
    )


class PreferencesIn(InputSchema):
    wants: list[str] = Field(default_factory=list, description="Challenge area slugs")
    offers: list[str] = Field(default_factory=list, description="Challenge area slugs")


class MeetingPersonOut(Schema):
    delegate: int
    name: str
    city: str


class MeetingOut(Schema):
    id: int
    slot: int = Field(description="Networking slot, counted from 1")
    table: int = Field(description="Table, counted from 1")
    a: MeetingPersonOut
    b: MeetingPersonOut
    interest: int
    reason: str = Field(description="Why the pair was suggested: what each side learns")
    status: str
    requested_by: int | None = Field(
        description="The delegate who asked for the meeting (side a); null when proposed"
    )


class ProposeMeetingsIn(InputSchema):
    slots: int = Field(ge=1, le=24, description="Number of networking slots")
    tables: int = Field(ge=1, le=500, description="Tables in each slot")


class ProposeMeetingsOut(Schema):
    slots: int
    tables: int
    proposed: int = Field(description="Meetings proposed in this run")
    accepted_kept: int = Field(description="Accepted meetings kept where they were")


class MeetingResponseIn(InputSchema):
    answer: Literal["accept", "decline"]


class MeetingRequestIn(InputSchema):
    delegate: int = Field(description="The delegate (of another city) to meet")
    slot: int | None = Field(None, ge=1, description="Networking slot; null: the first free one")
    note: str = Field("", max_length=300, description="What you would like to talk about")


class RequestablePersonOut(Schema):
    delegate: int = Field(description="Pass as `delegate` to ask for a meeting")
    name: str
    city: str
