"""JSON API routes for accounts, mounted under /api/v1/ by citypeers.api.urls."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from citypeers.accounts import selectors, services
from citypeers.accounts.permissions import (
    can_view_organisation_members,
)
from citypeers.accounts.schemas import (
    ConflictOut,
    InvitationIn,
    InvitationOut,
    MemberCityIn,
    MemberCityOut,
    MeOut,
    OrganisationDetailOut,
    OrganisationFilters,
    OrganisationOut,
    PendingInvitationOut,
)
from citypeers.core.api.auth import REQUIRED_AUTH, current_user
from citypeers.core.api.pagination import PagePagination
from citypeers.directory.selectors import jurisdiction_by_key

router = Router(tags=["accounts"])


@router.get("/me", response=MeOut, auth=REQUIRED_AUTH, url_name="me")
def me(request: HttpRequest):
    """Who the token (or session) belongs to, with their organisations and roles."""
    user = request.auth
    user.membership_list = list(selectors.organisations_for_user(user))
    return user


@router.get("/organisations", response=list[OrganisationOut], url_name="organisation_list")
@paginate(PagePagination)
def organisation_list(request: HttpRequest, filters: Query[OrganisationFilters]):
    """Local governments, coalitions and partner organisations (public), filtered."""
    return selectors.organisation_list(
        kind=filters.kind or "",
        partner_type=filters.partner_type or "",
        search=filters.search,
    )


@router.get("/organisations/{slug}", response=OrganisationDetailOut, url_name="organisation_detail")
def organisation_detail(request: HttpRequest, slug: str):
    """An organisation's public profile; its people only for its members and organisers."""
    user = current_user(request)
    organisation = selectors.organisation_detail(slug)
    if can_view_organisation_members(user, organisation):
        organisation.visible_members = list(selectors.organisation_members(organisation))
    else:
        organisation.visible_members = None
    return organisation


@router.post(
    "/organisations/{slug}/invitations",
    response={201: InvitationOut},
    auth=REQUIRED_AUTH,
    url_name="organisation_invitations",
)
def invite(request: HttpRequest, slug: str, payload: InvitationIn):
    """Invite someone by email (organisation administrators and network organisers).

    The invitation link is emailed to the invitee; it is never returned here.
    """
    organisation = selectors.organisation_for_user(request.auth, slug, to="invite")
    invitation, _raw = services.create_invitation(
        organisation=organisation,
        email=payload.email,
        role=payload.role,
        invited_by=request.auth,
    )
    return Status(201, invitation)


def _inviter(request: HttpRequest, slug: str):
    """The organisation, if the caller may invite to it: organisations are public, so
    anyone else is refused (403) rather than told it does not exist, as for inviting."""
    return selectors.organisation_for_user(request.auth, slug, to="invitations")


@router.get(
    "/organisations/{slug}/invitations",
    response=list[PendingInvitationOut],
    auth=REQUIRED_AUTH,
    url_name="organisation_invitation_list",
)
@paginate(PagePagination)
def invitation_list(request: HttpRequest, slug: str):
    """Pending invitations, newest first (organisation administrators and network organisers).

    Links are never returned: only their hash is stored.
    """
    return selectors.pending_invitations_for_organisation(_inviter(request, slug))


@router.delete(
    "/organisations/{slug}/invitations/{invitation_id}",
    response={204: None},
    auth=REQUIRED_AUTH,
    url_name="organisation_invitation_revoke",
)
def invitation_revoke(request: HttpRequest, slug: str, invitation_id: int):
    """Revoke an invitation: its link stops working. An accepted one cannot be revoked (400)."""
    organisation = _inviter(request, slug)
    invitation = selectors.invitation_for_manager(request.auth, organisation, invitation_id)
    services.revoke_invitation(invitation=invitation)
    return Status(204, None)


@router.delete(
    "/organisations/{slug}/membership",
    response={204: None, 409: ConflictOut},
    auth=REQUIRED_AUTH,
    url_name="organisation_leave",
)
def leave(request: HttpRequest, slug: str):
    """Leave the organisation (your own membership). 404 if you are not a member; 409 for
    its last administrator, who must make someone else an administrator first."""
    organisation = selectors.organisation_by_slug(slug)
    selectors.own_membership(request.auth, organisation)
    try:
        services.leave_organisation(user=request.auth, organisation=organisation)
    except ValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})
    return Status(204, None)


def _city_manager(request: HttpRequest, slug: str):
    return selectors.organisation_for_user(request.auth, slug, to="cities")


@router.post(
    "/organisations/{slug}/cities",
    response={201: MemberCityOut},
    auth=REQUIRED_AUTH,
    url_name="organisation_city_add",
)
def city_add(request: HttpRequest, slug: str, payload: MemberCityIn):
    """Add a member city to a coalition, named by GEOID or slug (coalition administrators and
    network organisers). 400 if it is not a coalition, no such city, or already a member."""
    organisation = _city_manager(request, slug)
    try:
        jurisdiction = jurisdiction_by_key(payload.jurisdiction)
    except Http404:
        raise ValidationError({"jurisdiction": [f"No city “{payload.jurisdiction}”."]}) from None
    row = services.add_member_city(
        organisation=organisation, jurisdiction=jurisdiction, actor=request.auth
    )
    return Status(201, row)


@router.delete(
    "/organisations/{slug}/cities/{key}",
    response={204: None},
    auth=REQUIRED_AUTH,
    url_name="organisation_city_remove",
)
def city_remove(request: HttpRequest, slug: str, key: str):
    """Take a city (GEOID or slug) off a coalition's member list; 404 if it is not on it."""
    organisation = _city_manager(request, slug)
    row = selectors.member_city(organisation, jurisdiction_by_key(key))
    services.remove_member_city(
        organisation=organisation, jurisdiction=row.jurisdiction, actor=request.auth
    )
    return Status(204, None)
