"""Input and output schemas for the digests API (never one schema for both)."""

import datetime as dt

from ninja import Field, Schema

from citypeers.core.schemas import InputSchema
from citypeers.digests.enums import Frequency


class DigestCityRef(Schema):
    key: str = Field(description="The city's slug")
    name: str


class DigestPreferenceOut(Schema):
    city: DigestCityRef
    frequency: Frequency


class DigestPreferenceIn(InputSchema):
    city: str = Field(..., min_length=1, max_length=120, description="Slug of a city of yours")
    frequency: Frequency


class DigestPreferencesIn(InputSchema):
    preferences: list[DigestPreferenceIn] = Field(..., min_length=1, max_length=100)


class DigestItemOut(Schema):
    kind: str
    title: str
    url: str
    reason: str
    date: dt.datetime
    is_demo: bool


class DigestPreviewOut(Schema):
    city: DigestCityRef
    frequency: Frequency
    since: dt.datetime
    until: dt.datetime
    items: list[DigestItemOut]
    would_send: bool = Field(description="False when nothing is relevant: no email goes out")


def city_ref(city) -> dict:
    return {"key": city.slug, "name": str(city)}


def preview_out(digest, frequency: str) -> dict:
    return {
        "city": city_ref(digest.jurisdiction),
        "frequency": frequency,
        "since": digest.window.since,
        "until": digest.window.until,
        "items": [
            {
                "kind": item.candidate.kind,
                "title": item.candidate.title,
                "url": item.candidate.url,
                "reason": item.reason,
                "date": item.candidate.date,
                "is_demo": item.candidate.is_demo,
            }
            for item in digest.items
        ],
        "would_send": not digest.is_empty,
    }
