"""Reads for convenings that depend on who is asking.

`<noun>_for_user(user, key)` raises the same 404 for "missing" and "not yours".
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from citypeers.accounts.permissions import can_organise_network, jurisdiction_ids_with_role
from citypeers.convenings import permissions
from citypeers.convenings.engine.composition import (
    COMPOSITION_RULES,
    CompositionRules,
    Member,
    RuleCheck,
    check_delegation,
)
from citypeers.convenings.enums import CommitmentStatus, ConveningState, TourSignupStatus
from citypeers.convenings.models import (
    Commitment,
    Convening,
    Delegate,
    Delegation,
    ProgressReport,
    TourSignup,
)


def convenings_visible_to(user) -> QuerySet[Convening]:
    queryset = Convening.objects.select_related("host")
    if can_organise_network(user):
        return queryset
    return queryset.exclude(state=ConveningState.DRAFT)


def require_organiser(user) -> None:
    """The gate of the pages only organisers use (403 for others)."""
    if not permissions.can_manage_convening(user):
        raise PermissionDenied("Only network organisers may do this.")


def convening_for_user(user, slug: str, *, for_edit: bool = False) -> Convening:
    """The convening if the user may see it (or, `for_edit`, manage it); else 404."""
    convening = Convening.objects.select_related("host").filter(slug=slug).first()
    if convening is None or not permissions.can_view_convening(user, convening):
        raise Http404("No such convening.")
    if for_edit and not permissions.can_manage_convening(user):
        raise Http404("No such convening.")
    return convening


def delegation_for_user(user, convening: Convening, city_slug: str, *, for_edit: bool = False):
    delegation = (
        Delegation.objects.select_related("jurisdiction", "convening")
        .filter(convening=convening, jurisdiction__slug=city_slug)
        .first()
    )
    allowed = permissions.can_edit_delegation if for_edit else permissions.can_view_delegation
    if delegation is None or not allowed(user, delegation):
        raise Http404("No such delegation.")
    return delegation


def my_delegations(user, convening: Convening) -> list[Delegation]:
    own = jurisdiction_ids_with_role(user)
    if not own:
        return []
    return list(
        convening.delegations.filter(jurisdiction_id__in=own).select_related("jurisdiction")
    )


def rules_for(convening: Convening) -> CompositionRules:
    return CompositionRules(
        size=convening.delegation_size,
        min_senior_officials=convening.min_senior_officials,
        min_partners=convening.min_partners,
        partner_types=frozenset(convening.partner_types),
        max_substitutes=convening.max_substitutes,
        deadline=convening.delegation_deadline,
    )


def member_of(delegate: Delegate) -> Member:
    return Member(
        kind=delegate.kind,
        senior=delegate.is_senior,
        partner_type=delegate.partner_type,
        substitute=delegate.is_substitute,
        confirmed=delegate.is_confirmed,
    )


def delegation_checks(
    delegation: Delegation, delegates=None, exceptions=None, *, today: date | None = None
) -> list[RuleCheck]:
    """The composition checklist, from prefetched delegates and exceptions when given."""
    delegates = (
        delegation.delegates.select_related("organisation") if delegates is None else delegates
    )
    exceptions = delegation.exceptions.all() if exceptions is None else exceptions
    return check_delegation(
        rules_for(delegation.convening),
        [member_of(d) for d in delegates],
        today=today or timezone.localdate(),
        waivers={e.rule: e.reason for e in exceptions},
    )


def delegations_overview(convening: Convening) -> list[Delegation]:
    """Every delegation with its people and checklist, for the organiser (four queries)."""
    delegations = list(
        convening.delegations.select_related("jurisdiction", "convening")
        .prefetch_related(
            Prefetch("delegates", queryset=Delegate.objects.select_related("organisation")),
            "exceptions",
        )
        .annotate(delegate_count=Count("delegates", filter=Q(delegates__accepted_at__isnull=False)))
        .order_by("jurisdiction__name")
    )
    today = timezone.localdate()
    for delegation in delegations:
        delegation.convening = convening
        delegation.checks = delegation_checks(
            delegation,
            list(delegation.delegates.all()),
            list(delegation.exceptions.all()),
            today=today,
        )
        delegation.missing = [
            c for c in delegation.checks if not c.ok and c.code in COMPOSITION_RULES
        ]
    return list(delegations)


def convening_history(convening: Convening):
    return convening.state_changes.select_related("changed_by")


def commitments_for(delegation: Delegation):
    return list(
        delegation.commitments.select_related("solution", "insight").prefetch_related("reports")
    )


def follow_up_board(convening: Convening) -> dict[str, list]:
    """Every commitment of the convening, by status (three queries)."""
    board: dict[str, list] = {value: [] for value in CommitmentStatus.values}
    commitments = (
        Commitment.objects.filter(delegation__convening=convening)
        .select_related("delegation__jurisdiction", "delegation__convening", "solution", "insight")
        .prefetch_related(
            Prefetch("reports", queryset=ProgressReport.objects.order_by("-created_at", "-pk"))
        )
        .order_by("due_on", "pk")
    )
    for commitment in commitments:
        reports = list(commitment.reports.all())
        commitment.latest_report = reports[0] if reports else None
        board[commitment.status].append(commitment)
    return board


def outcome_report(convening: Convening) -> dict:
    """Counts by status, per city and overall, and the solutions cities build on."""
    rows = (
        Commitment.objects.filter(delegation__convening=convening)
        .values("delegation__jurisdiction__name", "status")
        .annotate(n=Count("pk"))
        .order_by("delegation__jurisdiction__name")
    )
    cities: dict[str, dict[str, int]] = {}
    totals = dict.fromkeys(CommitmentStatus.values, 0)
    for row in rows:
        city = cities.setdefault(
            row["delegation__jurisdiction__name"], dict.fromkeys(CommitmentStatus.values, 0)
        )
        city[row["status"]] += row["n"]
        totals[row["status"]] += row["n"]
    total = sum(totals.values())
    solutions = list(
        Commitment.objects.filter(delegation__convening=convening, solution__isnull=False)
        .values("solution__slug", "solution__title")
        .annotate(n=Count("pk"))
        .order_by("-n", "solution__title")
    )
    return {
        "totals": totals,
        "total": total,
        "done_percent": round(100 * totals[CommitmentStatus.DONE] / total) if total else None,
        "cities": [
            (name, [counts[v] for v in CommitmentStatus.values])
            for name, counts in sorted(cities.items())
        ],
        "solutions": solutions,
    }


def tours_for(convening: Convening, user) -> list:
    """The convening's tours with places taken, and the user's own sign-ups (two queries)."""
    tours = list(
        convening.tours.annotate(
            confirmed_count=Count("signups", filter=Q(signups__status=TourSignupStatus.CONFIRMED)),
            waitlist_count=Count("signups", filter=Q(signups__status=TourSignupStatus.WAITLISTED)),
        )
    )
    mine = {}
    if getattr(user, "is_authenticated", False):
        mine = {
            s.tour_id: s
            for s in TourSignup.objects.filter(
                tour__convening=convening, delegate__user=user
            ).exclude(status=TourSignupStatus.CANCELLED)
        }
    for tour in tours:
        tour.places_left = max(0, tour.capacity - tour.confirmed_count)
        tour.my_signup = mine.get(tour.pk)
    return tours


def seat_for(user, convening: Convening) -> Delegate | None:
    """The user's accepted seat in one of the convening's delegations, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Delegate.objects.select_related("delegation__convening")
        .filter(user=user, delegation__convening=convening, accepted_at__isnull=False)
        .first()
    )
