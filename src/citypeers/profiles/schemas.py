"""API shapes for one city's profile: its directory facts, story and counts."""

import datetime
from typing import Literal

from ninja import Field, Schema

from citypeers.core.schemas import InputSchema
from citypeers.directory.schemas import IndicatorOut, JurisdictionListOut


class StoryOut(Schema):
    summary: str
    future_plans: str
    status: str
    is_demo: bool
    version: int = Field(description="Bumped by every story edit; also the ETag of the detail")


class CountsOut(Schema):
    statements: int
    solutions: int
    people: int
    memberships: int
    indicators: int


class PersonOut(Schema):
    name: str
    title: str
    email: str
    phone: str
    is_demo: bool


class CityMembershipOut(Schema):
    organisation: str = Field(description="The coalition's or network's slug")
    name: str
    joined_on: datetime.date | None


class CertificationOut(Schema):
    framework_title: str
    version_label: str
    cycle: int
    level_key: str
    level_title: str
    granted_at: datetime.datetime
    is_demo: bool = Field(description="Demo content: not a fact about this city")


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
    people: list[PersonOut] | None = Field(
        description="Contacts, for signed-in network members; null for others"
    )
    memberships: list[CityMembershipOut]
    indicators: list[IndicatorOut] = Field(
        description="Context figures (ACS and imported), each with its year and source"
    )
    certification: CertificationOut | None = Field(
        description="The latest certification the caller may see"
    )


class StoryPatch(InputSchema):
    summary: str | None = Field(None, max_length=20_000)
    future_plans: str | None = Field(None, max_length=20_000)
    story_status: Literal["draft", "published"] | None = None
    version: int | None = Field(
        None, ge=1, description="The story version you read (or send If-Match); 409 if stale"
    )


class AuditEntryOut(Schema):
    when: datetime.datetime
    who: str = Field(description="Who made the change; 'System …' for imports, setup and jobs")
    action: Literal["created", "changed", "deleted"]
    model: str = Field(description="The kind of object, in words, e.g. 'solution outcome'")
    kind: str = Field(description="The model's label, e.g. 'knowledge.solutionoutcome'")
    object_id: int
    object_label: str
    reason: str
    changed_fields: list[str] = Field(description="Names of the fields changed; never values")
