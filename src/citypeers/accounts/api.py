"""JSON API routes for accounts, mounted under /api/v1/ by citypeers.api.urls."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from citypeers.accounts import selectors, services
from citypeers.accounts.permissions import (
    can_invite_to_organisation,
    can_view_organisation_members,
)
from citypeers.accounts.schemas import (
    InvitationIn,
    InvitationOut,
    MeOut,
    OrganisationDetailOut,
    OrganisationFilters,
    OrganisationOut,
)
from citypeers.api.auth import REQUIRED_AUTH, current_user
from citypeers.api.pagination import PagePagination

router = Router(tags=["accounts"])


@router.get("/me", response=MeOut, auth=REQUIRED_AUTH, url_name="me")
def me(request: HttpRequest):
    """Who the token (or session) belongs to, with their organisations and roles."""
    user = request.auth
    user.membership_list = list(selectors.organisations_for_user(user))
    return user


@router.get(
    "/organisations", response=list[OrganisationOut], url_name="organisation_list"
)
@paginate(PagePagination)
def organisation_list(request: HttpRequest, filters: Query[OrganisationFilters]):
    """Local governments, coalitions and partner organisations (public), filtered."""
    return selectors.organisation_list(
        kind=filters.kind or "",
        partner_type=filters.partner_type or "",
        search=filters.search,
    )


@router.get(
    "/organisations/{slug}", response=OrganisationDetailOut, url_name="organisation_detail"
)
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
    organisation = selectors.organisation_by_slug(slug)
    if not can_invite_to_organisation(request.auth, organisation):
        raise PermissionDenied("Only the organisation's administrators invite people.")
    invitation, _raw = services.create_invitation(
        organisation=organisation,
        email=payload.email,
        role=payload.role,
        invited_by=request.auth,
    )
    return Status(201, invitation)
