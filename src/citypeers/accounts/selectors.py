"""Reads for accounts that depend on who is asking.

Organisations themselves are public. Their members, invitations and a person's API tokens are
not: the lookups here raise the same `Http404` for "missing" and "not yours".
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from citypeers.accounts.enums import MembershipRole, OrganisationKind, PartnerType
from citypeers.accounts.models import (
    ApiToken,
    Invitation,
    JurisdictionMembership,
    Membership,
    Organisation,
    User,
)
from citypeers.accounts.permissions import (
    can_create_organisation,
    can_edit_organisation,
    can_invite_to_organisation,
    can_manage_network_members,
    can_manage_organisation_members,
    can_view_organisation_members,
)
from citypeers.core.tokens import hash_token


def organisation_list(
    *, kind: str = "", partner_type: str = "", search: str = ""
) -> QuerySet[Organisation]:
    """Every organisation, filtered; unknown filter values are ignored rather than rejected."""
    queryset = Organisation.objects.select_related("jurisdiction").annotate(
        member_count=Count("memberships", distinct=True)
    )
    if kind in OrganisationKind.values:
        queryset = queryset.filter(kind=kind)
    if partner_type in PartnerType.values:
        queryset = queryset.filter(partner_type=partner_type)
    search = (search or "").strip()[:100]
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(description__icontains=search))
    return queryset.order_by("name")


def organisation_by_slug(slug: str) -> Organisation:
    organisation = Organisation.objects.select_related("jurisdiction").filter(slug=slug).first()
    if organisation is None:
        raise Http404("No such organisation.")
    return organisation


# What an organisation's administrators do, each with its predicate and the refusal (403:
# organisations are public, so a refusal tells nothing a visitor could not see).
ORGANISATION_ACTIONS = {
    "edit": (can_edit_organisation, "Only network organisers edit organisations."),
    "invite": (can_invite_to_organisation, "Only the organisation's administrators invite people."),
    "invitations": (
        can_invite_to_organisation,
        "Only the organisation's administrators see its invitations.",
    ),
    "members": (
        can_manage_organisation_members,
        "Only the organisation's administrators manage members.",
    ),
    "cities": (
        can_manage_network_members,
        "Only the coalition's administrators manage its member cities.",
    ),
}


def organisation_for_user(user, slug: str, *, for_edit: bool = False, to: str = "") -> Organisation:
    """An organisation (public: 404 only when missing); `for_edit` or `to` (one of
    ORGANISATION_ACTIONS) refuse with 403 someone who may not do that to it."""
    organisation = organisation_by_slug(slug)
    _check_action(user, organisation, to or ("edit" if for_edit else ""))
    return organisation


def _check_action(user, organisation: Organisation, action: str) -> None:
    if action:
        allowed, refusal = ORGANISATION_ACTIONS[action]
        if not allowed(user, organisation):
            raise PermissionDenied(refusal)


def coalition_for_user(user, slug: str) -> Organisation:
    """A coalition whose member cities the user manages; other organisations have none (404)."""
    organisation = organisation_by_slug(slug)
    if organisation.kind != OrganisationKind.COALITION:
        raise Http404("Only coalitions and networks have member cities.")
    _check_action(user, organisation, "cities")
    return organisation


def require_organisation_creator(user) -> None:
    if not can_create_organisation(user):
        raise PermissionDenied("Only network organisers create organisations.")


def organisation_detail(slug: str) -> Organisation:
    """One organisation with its member count, for the API; 404 if missing."""
    organisation = organisation_list().filter(slug=slug).first()
    if organisation is None:
        raise Http404("No such organisation.")
    return organisation


def organisation_members(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def organisation_members_for_user(user, organisation: Organisation) -> QuerySet[Membership]:
    """The member list, or an empty list for people outside the organisation."""
    if not can_view_organisation_members(user, organisation):
        return Membership.objects.none()
    return organisation_members(organisation)


def member_jurisdictions(organisation: Organisation):
    """The directory entries that belong to a coalition or network (public)."""
    return organisation.member_jurisdictions.order_by("state", "name")


def member_cities(organisation: Organisation) -> QuerySet[JurisdictionMembership]:
    """A coalition's member-city rows with their directory entries, by state and name."""
    return (
        JurisdictionMembership.objects.filter(organisation=organisation)
        .select_related("jurisdiction")
        .order_by("jurisdiction__state", "jurisdiction__name", "jurisdiction_id")
    )


def member_city(organisation: Organisation, jurisdiction) -> JurisdictionMembership:
    """The row that makes `jurisdiction` a member of the coalition; 404 if it is not one."""
    row = member_cities(organisation).filter(jurisdiction=jurisdiction).first()
    if row is None:
        raise Http404("No such member city.")
    return row


def member_city_ids(organisation: Organisation, jurisdiction_ids) -> set[int]:
    """Which of these directory entries already belong to the coalition."""
    return set(
        JurisdictionMembership.objects.filter(
            organisation=organisation, jurisdiction_id__in=list(jurisdiction_ids)
        ).values_list("jurisdiction_id", flat=True)
    )


def organisations_for_user(user) -> QuerySet[Membership]:
    """The user's memberships, with their organisations and directory entries."""
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation__jurisdiction")
        .order_by("organisation__name")
    )


def membership_for_manager(user, organisation: Organisation, membership_id) -> Membership:
    """A membership of `organisation` that `user` may change; 404 otherwise."""
    if not can_manage_organisation_members(user, organisation):
        raise Http404("No such membership.")
    membership = (
        Membership.objects.select_related("user", "organisation")
        # A malformed id becomes pk=None, which finds nothing (the stubs want an int).
        .filter(organisation=organisation, pk=_int_or_none(membership_id))  # type: ignore[misc]
        .first()
    )
    if membership is None:
        raise Http404("No such membership.")
    return membership


def own_membership(user, organisation: Organisation) -> Membership:
    """The signed-in user's own membership of `organisation`; 404 if they have none."""
    membership = None
    if getattr(user, "is_authenticated", False):
        membership = (
            Membership.objects.select_related("organisation")
            .filter(organisation=organisation, user=user)
            .first()
        )
    if membership is None:
        raise Http404("No such membership.")
    return membership


def admin_count(organisation: Organisation) -> int:
    return Membership.objects.filter(organisation=organisation, role=MembershipRole.ADMIN).count()


def invitations_for_organisation(organisation: Organisation) -> QuerySet[Invitation]:
    return Invitation.objects.filter(organisation=organisation).select_related(
        "invited_by", "accepted_by"
    )


def pending_invitations_for_organisation(organisation: Organisation) -> QuerySet[Invitation]:
    """Invitations still waiting for an answer, newest first (for the organisation's admins)."""
    return (
        organisation.invitations.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("invited_by")
        .order_by("-created_at", "-id")
    )


def invitation_for_manager(user, organisation: Organisation, invitation_id) -> Invitation:
    """An invitation of `organisation` that `user` may resend or revoke; 404 otherwise."""
    if not can_manage_organisation_members(user, organisation):
        raise Http404("No such invitation.")
    invitation = (
        Invitation.objects.select_related("organisation")
        # A malformed id becomes pk=None, which finds nothing (the stubs want an int).
        .filter(organisation=organisation, pk=_int_or_none(invitation_id))  # type: ignore[misc]
        .first()
    )
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


def invitation_for_token(raw_token: str) -> Invitation:
    """The invitation this link's token opens, in whatever state it is; 404 if none."""
    if not raw_token or len(raw_token) > 200:
        raise Http404("No such invitation.")
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=hash_token(raw_token))
        .first()
    )
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


def pending_invitations_for_user(user) -> QuerySet[Invitation]:
    """Open invitations addressed to the user's email address."""
    if not getattr(user, "is_authenticated", False):
        return Invitation.objects.none()
    return (
        Invitation.objects.filter(
            email__iexact=user.email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .exclude(organisation__memberships__user=user)
        .select_related("organisation", "invited_by")
    )


def pending_invitation_for_user(user, invitation_id) -> Invitation:
    # A malformed id becomes pk=None, which finds nothing (the stubs want an int).
    invitation = pending_invitations_for_user(user).filter(pk=_int_or_none(invitation_id)).first()  # type: ignore[misc]
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


def api_tokens_for_user(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True)


def api_token_for_user(user, token_id) -> ApiToken:
    # A malformed id becomes pk=None, which finds nothing (the stubs want an int).
    token = api_tokens_for_user(user).filter(pk=_int_or_none(token_id)).first()  # type: ignore[misc]
    if token is None:
        raise Http404("No such token.")
    return token


def user_by_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=(email or "").strip()).first()


def _int_or_none(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    # Beyond a BIGINT the database would raise instead of finding nothing.
    return number if 0 < number < 2**63 else None


def pending_invitation_counts(organisation_ids) -> dict[int, int]:
    """{organisation_id: open invitations} for the organisations a person manages."""
    rows = (
        Invitation.objects.filter(
            organisation_id__in=list(organisation_ids),
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .values("organisation_id")
        .annotate(n=Count("id"))
    )
    return {row["organisation_id"]: row["n"] for row in rows}


def organisation_counts_by_kind() -> dict[str, int]:
    rows = Organisation.objects.values("kind").annotate(n=Count("id"))
    return {row["kind"]: row["n"] for row in rows}


def featured_coalitions(limit: int = 4) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(kind=OrganisationKind.COALITION)
        .annotate(government_count=Count("member_jurisdictions", distinct=True))
        .order_by("-government_count", "name")[:limit]
    )
