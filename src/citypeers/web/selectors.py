from citypeers.accounts import selectors as accounts
from citypeers.accounts.enums import MembershipRole, OrganisationKind
from citypeers.accounts.permissions import can_organise_network
from citypeers.core.enums import PublicationStatus
from citypeers.directory.models import Jurisdiction
from citypeers.knowledge.models import ChallengeArea, Solution


def home_context() -> dict:
    published = Solution.objects.filter(status=PublicationStatus.PUBLISHED)
    organisations = accounts.organisation_counts_by_kind()
    return {
        "jurisdiction_count": Jurisdiction.objects.count(),
        "solution_count": published.count(),
        "challenge_areas": list(ChallengeArea.objects.filter(parent__isnull=True)),
        "recent_solutions": published.select_related("owner").order_by("-updated_at")[:6],
        "government_count": organisations.get(OrganisationKind.LOCAL_GOVERNMENT, 0),
        "coalition_count": organisations.get(OrganisationKind.COALITION, 0),
        "partner_count": organisations.get(OrganisationKind.PARTNER, 0),
        "coalitions": accounts.featured_coalitions(),
    }


def dashboard_context(user) -> dict:
    memberships = list(accounts.organisations_for_user(user))
    managed = [m.organisation_id for m in memberships if m.role == MembershipRole.ADMIN]
    counts = accounts.pending_invitation_counts(managed)
    for membership in memberships:
        # Display-only attributes for the dashboard template, not model fields.
        membership.pending_invitations = counts.get(membership.organisation_id, 0)  # type: ignore[attr-defined]
        membership.is_admin = membership.role == MembershipRole.ADMIN  # type: ignore[attr-defined]
    return {
        "memberships": memberships,
        "invitations": list(accounts.pending_invitations_for_user(user)),
        "token_count": accounts.api_tokens_for_user(user).count(),
        "can_organise": can_organise_network(user),
    }
