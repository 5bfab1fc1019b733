"""Input and output schemas for the help desk API (never one schema for both)."""

import datetime as dt

from ninja import Field, Schema

from citypeers.core.schemas import InputSchema, SingleLine
from citypeers.directory.schemas import jurisdiction_ref
from citypeers.helpdesk.enums import (
    InviteeKind,
    RequestStatus,
    RequestVisibility,
    TriageDecision,
    Urgency,
)
from citypeers.knowledge.schemas import CityRef


class HelpRequestIn(InputSchema):
    jurisdiction: str = Field(description="Slug or GEOID of a city you are a member of")
    title: SingleLine = Field(..., min_length=1, max_length=200)
    question: str = Field(..., min_length=1, max_length=20_000)
    area: str = Field(description="Challenge area slug (GET /challenge-areas)")
    criterion: int | None = Field(None, description="Assessment criterion id, if it is about one")
    urgency: Urgency = Urgency.MEDIUM
    tried: str = Field("", max_length=20_000)
    visibility: RequestVisibility = RequestVisibility.NETWORK


class HelpTriageIn(InputSchema):
    decision: TriageDecision
    reason: SingleLine = Field("", max_length=400)
    duplicate: int | None = Field(None, description="Id of the request this one duplicates")


class HelpInviteIn(InputSchema):
    user_ids: list[int] = Field(..., min_length=1, max_length=50)


class HelpAnswerIn(InputSchema):
    body: str = Field(..., min_length=1, max_length=20_000)


class HelpPublishIn(InputSchema):
    consent: bool = Field(description="The asker agrees to publish question and accepted answer")
    linked_solutions: list[str] = Field(default_factory=list, description="Solution slugs")


class HelpAreaOut(Schema):
    slug: str
    name: str


class HelpRequestListOut(Schema):
    id: int
    url: str
    title: str
    jurisdiction: CityRef
    area: HelpAreaOut
    urgency: Urgency
    visibility: RequestVisibility
    status: RequestStatus
    answer_count: int
    created_at: dt.datetime
    is_demo: bool


class HelpAnswerOut(Schema):
    id: int
    author: str | None
    jurisdiction: CityRef | None
    body: str
    is_accepted: bool
    created_at: dt.datetime


class HelpInvitationOut(Schema):
    user_id: int
    name: str
    kind: InviteeKind
    jurisdiction: CityRef | None
    reasons: list[str]
    invited_at: dt.datetime


class HelpRequestOut(HelpRequestListOut):
    question: str
    tried: str
    criterion: str | None
    status_reason: str
    merged_into: int | None
    asked_by: str | None
    triaged_at: dt.datetime | None
    first_answer_at: dt.datetime | None
    accepted_at: dt.datetime | None
    published_at: dt.datetime | None
    hours_to_first_answer: float | None
    hours_to_accepted: float | None
    answers: list[HelpAnswerOut]
    invitations: list[HelpInvitationOut]
    linked_solutions: list[str]
    qa_url: str | None


class HelpSuggestedPerson(Schema):
    user_id: int
    name: str


class HelpSuggestionOut(Schema):
    kind: InviteeKind
    id: int = Field(description="City id for a city, user id for an expert")
    name: str
    score: float
    reasons: list[str]
    people: list[HelpSuggestedPerson] = Field(description="Who would be invited")


class HelpRoutingOut(Schema):
    cities: list[HelpSuggestionOut]
    experts: list[HelpSuggestionOut]


def _hours(delta) -> float | None:
    return round(delta.total_seconds() / 3600, 2) if delta is not None else None


def _area(area) -> dict:
    return {"slug": area.slug, "name": area.name}


def list_out(r) -> dict:
    return {
        "id": r.pk,
        "url": r.get_absolute_url(),
        "title": r.title,
        "jurisdiction": jurisdiction_ref(r.jurisdiction),
        "area": _area(r.area),
        "urgency": r.urgency,
        "visibility": r.visibility,
        "status": r.status,
        "answer_count": getattr(r, "answer_count", None)
        if getattr(r, "answer_count", None) is not None
        else len(r.answers.all()),
        "created_at": r.created_at,
        "is_demo": r.is_demo,
    }


def answer_out(a) -> dict:
    return {
        "id": a.pk,
        "author": a.author.display_name if a.author else None,
        "jurisdiction": jurisdiction_ref(a.jurisdiction) if a.jurisdiction else None,
        "body": a.body,
        "is_accepted": a.is_accepted,
        "created_at": a.created_at,
    }


def detail_out(r) -> dict:
    return {
        **list_out(r),
        "question": r.question,
        "tried": r.tried,
        "criterion": r.criterion.title if r.criterion else None,
        "status_reason": r.status_reason,
        "merged_into": r.merged_into_id,
        "asked_by": r.asked_by.display_name if r.asked_by else None,
        "triaged_at": r.triaged_at,
        "first_answer_at": r.first_answer_at,
        "accepted_at": r.accepted_at,
        "published_at": r.published_at,
        "hours_to_first_answer": _hours(r.time_to_first_answer),
        "hours_to_accepted": _hours(r.time_to_accepted),
        "answers": [answer_out(a) for a in r.answers.all()],
        "invitations": [
            {
                "user_id": i.user_id,
                "name": i.user.display_name,
                "kind": i.kind,
                "jurisdiction": jurisdiction_ref(i.jurisdiction) if i.jurisdiction else None,
                "reasons": i.reasons,
                "invited_at": i.created_at,
            }
            for i in r.invitations.all()
        ],
        "linked_solutions": [s.slug for s in r.linked_solutions.all()],
        "qa_url": r.get_qa_url() if r.is_published else None,
    }


def routing_out(routing) -> dict:
    return {
        "cities": [
            {
                "kind": "city",
                "id": route.suggestion.key,
                "name": route.suggestion.name,
                "score": route.suggestion.score,
                "reasons": list(route.suggestion.reasons),
                "people": [{"user_id": u.pk, "name": u.display_name} for u in route.contacts],
            }
            for route in routing.cities
        ],
        "experts": [
            {
                "kind": "expert",
                "id": route.user.pk,
                "name": route.suggestion.name,
                "score": route.suggestion.score,
                "reasons": list(route.suggestion.reasons),
                "people": [{"user_id": route.user.pk, "name": route.user.display_name}],
            }
            for route in routing.experts
        ],
    }
