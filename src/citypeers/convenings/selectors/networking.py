"""Reads for 1:1 networking: a delegate's seat and preferences (prefilled from their city's
published challenge statements, assessment gaps and solutions), the networking plan and the
meetings someone may see. Access helpers give one 404 for missing and not yours."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from citypeers.convenings import permissions
from citypeers.convenings.models import (
    Convening,
    Delegate,
    Meeting,
    NetworkingPlan,
    NetworkingProfile,
)
from citypeers.convenings.selectors import convening_for_user
from citypeers.convenings.selectors.suggestions import Suggestions, suggestions_for
from citypeers.knowledge.models import ChallengeArea


@dataclass
class Preferences:
    wants: list[ChallengeArea]
    offers: list[ChallengeArea]
    saved: bool  # False: prefilled from the suggestions, not yet saved
    suggested: Suggestions | None = None  # only while nothing is saved


def networking_convening_for_user(user, slug: str) -> Convening:
    """The convening if the user is one of its delegates or an organiser; else 404."""
    convening = convening_for_user(user, slug)
    if not permissions.can_view_networking(user, convening):
        raise Http404("No such convening.")
    return convening


def require_meeting_proposer(user, convening: Convening) -> Convening:
    """The convening if the user may propose its meetings; else the same 404."""
    if not permissions.can_propose_meetings(user, convening):
        raise Http404("No such convening.")
    return convening


def seat_of(user, convening: Convening) -> Delegate | None:
    """The user's confirmed seat at the convening, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Delegate.objects.select_related("delegation__jurisdiction", "user")
        .filter(user=user, delegation__convening=convening, accepted_at__isnull=False)
        .order_by("pk")
        .first()
    )


def seat_for_preferences(user, convening: Convening) -> Delegate:
    """The seat whose preferences the user keeps; 404 for anyone who is not a delegate."""
    seat = seat_of(user, convening)
    if seat is None or not permissions.can_keep_networking_preferences(user, convening):
        raise Http404("No such delegate.")
    return seat


def preferences_of(seat: Delegate) -> Preferences:
    """The saved preferences; until the delegate saves, the suggestions (with their sources)
    prefill both lists."""
    profile = NetworkingProfile.objects.filter(delegate=seat).first()
    if profile is None:
        suggested = suggestions_for(seat)
        return Preferences(
            wants=[s.area for s in suggested.wants],
            offers=[s.area for s in suggested.offers],
            saved=False,
            suggested=suggested,
        )
    return Preferences(
        wants=list(profile.wants.order_by("name")),
        offers=list(profile.offers.order_by("name")),
        saved=True,
    )


def plan_of(convening: Convening) -> NetworkingPlan:
    """The convening's plan; an unsaved default one when organisers have not proposed yet."""
    plan = NetworkingPlan.objects.filter(convening=convening).first()
    return plan or NetworkingPlan(convening=convening)


def meetings_for(user, convening: Convening, *, everyone: bool = False) -> QuerySet[Meeting]:
    """The user's meetings; with `everyone`, every meeting for an organiser (others still get
    only their own)."""
    queryset = Meeting.objects.filter(convening=convening).select_related(
        "delegate_a__delegation__jurisdiction", "delegate_b__delegation__jurisdiction"
    )
    if everyone and permissions.can_propose_meetings(user, convening):
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    return queryset.filter(Q(delegate_a__user=user) | Q(delegate_b__user=user))


def meeting_for_user(user, convening: Convening, pk) -> Meeting:
    """A meeting the user is one side of; the same 404 for missing and someone else's."""
    meeting = (
        Meeting.objects.select_related("delegate_a", "delegate_b")
        .filter(convening=convening, pk=pk)
        .first()
    )
    if meeting is None or not permissions.can_respond_to_meeting(user, meeting):
        raise Http404("No such meeting.")
    return meeting


def requestable_delegates(seat: Delegate) -> QuerySet[Delegate]:
    """Who the delegate may ask for a meeting: confirmed seats with an account at the same
    convening, from another city."""
    return (
        Delegate.objects.filter(
            delegation__convening_id=seat.delegation.convening_id,
            accepted_at__isnull=False,
            user__isnull=False,
        )
        .exclude(delegation__jurisdiction_id=seat.delegation.jurisdiction_id)
        .select_related("delegation__jurisdiction")
        .order_by("delegation__jurisdiction__name", "full_name", "pk")
    )


def delegate_to_meet(seat: Delegate, pk) -> Delegate:
    """A delegate the seat may ask for a meeting; the same 404 for missing and anyone else."""
    try:
        return requestable_delegates(seat).get(pk=int(pk))
    except (Delegate.DoesNotExist, TypeError, ValueError):
        raise Http404("No such delegate.") from None
