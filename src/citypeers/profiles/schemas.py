"""API shapes for one city's profile: its directory facts, story and counts."""

from typing import Literal

from ninja import Field, Schema

from citypeers.directory.schemas import JurisdictionListOut


class StoryOut(Schema):
    summary: str
    future_plans: str
    status: str
    is_demo: bool


class CountsOut(Schema):
    statements: int
    solutions: int
    people: int
    memberships: int
    indicators: int


class JurisdictionOut(JurisdictionListOut):
    state_fips: str
    county_fips: str
    census_level: str
    legal_type: str
    functional_status: str
    timezone: str
    population_band: str | None
    story: StoryOut | None = Field(description="Only when published (or when you may edit it)")
    counts: CountsOut


class StoryPatch(Schema):
    summary: str | None = Field(None, max_length=20_000)
    future_plans: str | None = Field(None, max_length=20_000)
    story_status: Literal["draft", "published"] | None = None
