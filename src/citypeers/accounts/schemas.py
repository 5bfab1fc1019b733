"""API input and output shapes for accounts. Inputs and outputs are separate on purpose."""

from datetime import date, datetime

from ninja import Field, Schema

from citypeers.accounts.enums import MembershipRole, OrganisationKind, PartnerType
from citypeers.core.schemas import InputSchema


class OrganisationJurisdictionOut(Schema):
    slug: str
    name: str
    state: str
    geoid: str | None = None


class MembershipOut(Schema):
    organisation: str = Field(..., alias="organisation.slug")
    organisation_name: str = Field(..., alias="organisation.name")
    kind: str = Field(..., alias="organisation.kind")
    role: str


class MeOut(Schema):
    email: str
    full_name: str
    job_title: str
    expertise: list[str] = Field(..., alias="expertise_tags")
    is_network_organiser: bool
    is_site_admin: bool = Field(..., alias="is_superuser")
    memberships: list[MembershipOut] = Field(..., alias="membership_list")


class MemberOut(Schema):
    full_name: str = Field(..., alias="user.display_name")
    email: str = Field(..., alias="user.email")
    job_title: str = Field(..., alias="user.job_title")
    expertise: list[str] = Field(..., alias="user.expertise_tags")
    role: str


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: str
    partner_type: str
    website: str
    description: str
    is_demo: bool
    jurisdiction: OrganisationJurisdictionOut | None = None
    member_count: int = 0
    url: str = Field(..., alias="get_absolute_url")


class OrganisationDetailOut(OrganisationOut):
    members: list[MemberOut] | None = Field(
        None,
        alias="visible_members",
        description="People and roles; null unless the caller is a member or an organiser.",
    )
    member_jurisdictions: list[OrganisationJurisdictionOut] = Field(
        [], description="For coalitions: the member governments (public)."
    )


class OrganisationFilters(Schema):
    kind: OrganisationKind | None = None
    partner_type: PartnerType | None = None
    search: str = Field("", max_length=100)


class InvitationIn(InputSchema):
    email: str = Field(..., max_length=254, examples=["cdo@city.example.gov"])
    role: MembershipRole = MembershipRole.MEMBER


class InvitationOut(Schema):
    id: int
    email: str
    role: str
    status: str
    organisation: str = Field(..., alias="organisation.slug")
    expires_at: datetime
    sent_at: datetime | None = None


class PendingInvitationOut(InvitationOut):
    """A pending invitation as its organisation's administrators see it (never the link)."""

    created_at: datetime
    invited_by: str | None = Field(None, description="Who sent it, if they still have an account.")

    @staticmethod
    def resolve_invited_by(obj) -> str | None:
        return obj.invited_by.display_name if obj.invited_by else None


class MemberCityIn(InputSchema):
    jurisdiction: str = Field(
        ...,
        max_length=120,
        description="The city's GEOID or directory slug.",
        examples=["2507000", "boston-ma"],
    )


class MemberCityOut(Schema):
    jurisdiction: OrganisationJurisdictionOut
    joined_on: date | None = None


class ConflictOut(Schema):
    """The request cannot be carried out in the current state (e.g. the last administrator)."""

    detail: str
