"""City tours: limited places, a per-delegation quota, and a waitlist promoted on cancellation.

Every sign-up and cancellation locks the tour row first, so simultaneous sign-ups are counted
one after another and the tour never holds more confirmed places than it has.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from citypeers.convenings.enums import ConveningState, TourSignupStatus
from citypeers.convenings.models import Delegate, Tour, TourSignup
from citypeers.convenings.permissions import can_edit_delegation, can_manage_convening

SIGNUP_STATES = (ConveningState.OPEN, ConveningState.PROGRAMME, ConveningState.LIVE)


@transaction.atomic
def create_tour(
    *,
    convening,
    actor,
    title: str,
    starts_at: datetime,
    capacity: int,
    per_delegation: int | None = 1,
    description: str = "",
    is_demo: bool = False,
) -> Tour:
    if not can_manage_convening(actor):
        raise PermissionDenied("Only network organisers add tours.")
    tour = Tour(
        convening=convening,
        title=title.strip(),
        description=description.strip(),
        starts_at=starts_at,
        capacity=capacity,
        per_delegation=per_delegation,
        is_demo=is_demo,
    )
    tour.full_clean()
    tour.save()
    return tour


def _may_act_for(actor, delegate: Delegate) -> bool:
    return (delegate.user_id is not None and delegate.user_id == getattr(actor, "pk", None)) or (
        can_edit_delegation(actor, delegate.delegation)
    )


def _has_room(tour: Tour, delegation_id: int) -> bool:
    confirmed = TourSignup.objects.filter(tour=tour, status=TourSignupStatus.CONFIRMED)
    if confirmed.count() >= tour.capacity:
        return False
    if tour.per_delegation is None:
        return True
    return confirmed.filter(delegation_id=delegation_id).count() < tour.per_delegation


@transaction.atomic
def sign_up(*, tour: Tour, delegate: Delegate, actor) -> TourSignup:
    """A confirmed place if the tour and the delegation's quota allow, else the waitlist.
    Signing up again returns the existing place."""
    if not _may_act_for(actor, delegate):
        raise PermissionDenied("Sign up yourself, or as an editor of your city's delegation.")
    if not delegate.is_confirmed:
        raise ValidationError("Accept your seat in the delegation first.")
    locked = Tour.objects.select_for_update().select_related("convening").get(pk=tour.pk)
    if delegate.delegation.convening_id != locked.convening_id:
        raise ValidationError("This tour belongs to another convening.")
    if locked.convening.state not in SIGNUP_STATES:
        raise ValidationError("Tour sign-ups are closed.")
    signup = TourSignup.objects.filter(tour=locked, delegate=delegate).first()
    if signup is not None and signup.status != TourSignupStatus.CANCELLED:
        return signup
    status = (
        TourSignupStatus.CONFIRMED
        if _has_room(locked, delegate.delegation_id)
        else TourSignupStatus.WAITLISTED
    )
    if signup is None:
        signup = TourSignup(tour=locked, delegate=delegate, delegation_id=delegate.delegation_id)
    signup.status = status
    signup.queued_at = timezone.now()
    signup.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            signup.save()
    except IntegrityError as exc:
        raise ValidationError("You are already signed up.") from exc
    return signup


@transaction.atomic
def cancel(*, signup: TourSignup, actor) -> list[TourSignup]:
    """Give the place up; the longest-waiting person whose delegation is under its quota
    moves up. Returns who was promoted."""
    if not _may_act_for(actor, signup.delegate):
        raise PermissionDenied("Only the person or their city's editors may cancel.")
    locked = Tour.objects.select_for_update().get(pk=signup.tour_id)
    signup.refresh_from_db()
    if signup.status == TourSignupStatus.CANCELLED:
        return []
    signup.status = TourSignupStatus.CANCELLED
    signup.save(update_fields=["status"])
    return _promote(locked)


def _promote(tour: Tour) -> list[TourSignup]:
    promoted = []
    waiting = TourSignup.objects.filter(tour=tour, status=TourSignupStatus.WAITLISTED).order_by(
        "queued_at", "pk"
    )
    for candidate in waiting:
        if TourSignup.objects.filter(tour=tour, status=TourSignupStatus.CONFIRMED).count() >= (
            tour.capacity
        ):
            break
        if _has_room(tour, candidate.delegation_id):
            candidate.status = TourSignupStatus.CONFIRMED
            candidate.save(update_fields=["status"])
            promoted.append(candidate)
    return promoted
