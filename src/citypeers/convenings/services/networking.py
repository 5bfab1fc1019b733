"""1:1 networking writes: a delegate's preferences, the organisers' proposal of meetings (run by
`engine.networking`) and each side's answer to a meeting.

Proposing again replaces proposed and declined meetings; accepted meetings stay where they are
(their people are busy in that slot, their table is taken and their pair is not proposed again).
"""

from collections import defaultdict

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from citypeers.convenings import permissions
from citypeers.convenings.engine import networking as engine
from citypeers.convenings.enums import MeetingNotice, MeetingStatus
from citypeers.convenings.models import (
    Convening,
    Delegate,
    Meeting,
    NetworkingPlan,
    NetworkingProfile,
)
from citypeers.knowledge.models import ChallengeArea
from citypeers.notifications.services import notify


@transaction.atomic
def save_preferences(*, actor, seat: Delegate, wants, offers) -> NetworkingProfile:
    """Store what the delegate wants to learn about and can offer (challenge areas)."""
    convening = seat.delegation.convening
    is_own_seat = seat.user_id is not None and seat.user_id == getattr(actor, "pk", None)
    if not is_own_seat or not permissions.can_keep_networking_preferences(actor, convening):
        raise PermissionDenied("Only the delegate keeps their networking preferences.")
    profile, _ = NetworkingProfile.objects.get_or_create(delegate=seat)
    profile.wants.set(wants)
    profile.offers.set(offers)
    profile.save(update_fields=["updated_at"])
    return profile


def _engine_delegates(convening: Convening) -> tuple[list[engine.Delegate], dict[str, Delegate]]:
    seats = {
        str(d.pk): d
        for d in Delegate.objects.filter(
            delegation__convening=convening, accepted_at__isnull=False
        ).select_related("delegation", "user")
    }
    wants: dict[int, set[str]] = defaultdict(set)
    offers: dict[int, set[str]] = defaultdict(set)
    through_wants = NetworkingProfile.wants.through.objects.filter(
        networkingprofile__delegate__delegation__convening=convening
    ).values_list("networkingprofile__delegate_id", "challengearea__slug")
    for delegate_id, slug in through_wants:
        wants[delegate_id].add(slug)
    through_offers = NetworkingProfile.offers.through.objects.filter(
        networkingprofile__delegate__delegation__convening=convening
    ).values_list("networkingprofile__delegate_id", "challengearea__slug")
    for delegate_id, slug in through_offers:
        offers[delegate_id].add(slug)
    people = [
        engine.Delegate(
            key=key,
            city=str(seat.delegation.jurisdiction_id),
            wants=frozenset(wants[seat.pk]),
            offers=frozenset(offers[seat.pk]),
        )
        for key, seat in seats.items()
        if wants[seat.pk] or offers[seat.pk]
    ]
    return people, seats


def _reason(meeting: engine.Meeting, seats: dict[str, Delegate], names: dict[str, str]) -> str:
    parts = []
    for key, learns in ((meeting.a, meeting.a_learns), (meeting.b, meeting.b_learns)):
        if learns:
            areas = ", ".join(names.get(slug, slug) for slug in learns)
            parts.append(f"{seats[key].full_name} learns about {areas}")
    return "; ".join(parts)


@transaction.atomic
def propose_meetings(*, actor, convening: Convening, slots: int, tables: int) -> list[Meeting]:
    """Save the plan (slots, tables), run the engine over the saved preferences and store its
    meetings. Accepted meetings are kept; proposed and declined ones are replaced."""
    if not permissions.can_propose_meetings(actor, convening):
        raise PermissionDenied("Only organisers propose networking meetings.")
    plan, _ = NetworkingPlan.objects.select_for_update().get_or_create(convening=convening)
    plan.slots, plan.tables = slots, tables
    plan.proposed_at, plan.proposed_by = timezone.now(), actor
    plan.full_clean()
    plan.save()
    Meeting.objects.filter(convening=convening).exclude(status=MeetingStatus.ACCEPTED).delete()
    kept = list(Meeting.objects.filter(convening=convening, status=MeetingStatus.ACCEPTED))
    busy: dict[str, set[int]] = defaultdict(set)
    taken: dict[int, set[int]] = defaultdict(set)
    kept_pairs = set()
    for meeting in kept:
        busy[str(meeting.delegate_a_id)].add(meeting.slot - 1)
        busy[str(meeting.delegate_b_id)].add(meeting.slot - 1)
        taken[meeting.slot].add(meeting.table)
        kept_pairs.add(frozenset((meeting.delegate_a_id, meeting.delegate_b_id)))
    people, seats = _engine_delegates(convening)
    result = engine.schedule_meetings(people, slots=slots, tables=tables, busy=dict(busy))
    names = dict(ChallengeArea.objects.values_list("slug", "name"))
    new = []
    for found in result.meetings:
        a, b = seats[found.a], seats[found.b]
        slot = found.slot + 1
        if frozenset((a.pk, b.pk)) in kept_pairs:
            continue
        # Accepted meetings hold their tables: take the first table still free in the slot.
        table = next((t for t in range(1, tables + 1) if t not in taken[slot]), None)
        if table is None:
            continue
        taken[slot].add(table)
        new.append(
            Meeting(
                convening=convening,
                delegate_a=a,
                delegate_b=b,
                slot=slot,
                table=table,
                interest=found.interest,
                reason=_reason(found, seats, names),
            )
        )
    Meeting.objects.bulk_create(new)
    _tell_proposed(convening, new)
    return new


def _tell_proposed(convening: Convening, meetings: list[Meeting]) -> None:
    """One notice per delegate with an account, however many meetings they were given."""
    per_user: dict[int, list[Meeting]] = defaultdict(list)
    users = {}
    for meeting in meetings:
        for seat in (meeting.delegate_a, meeting.delegate_b):
            if seat.user_id is not None:
                per_user[seat.user_id].append(meeting)
                users[seat.user_id] = seat.user
    url = reverse("convenings:networking", kwargs={"slug": convening.slug})
    for user_id, theirs in per_user.items():
        count = len(theirs)
        notify(
            user=users[user_id],
            kind=MeetingNotice.PROPOSED,
            title=f"{count} 1:1 meeting{'s' if count != 1 else ''} proposed at {convening.title}",
            url=url,
            body="Accept or decline each on the networking page; the other delegate is told.",
        )


@transaction.atomic
def respond_to_meeting(*, actor, meeting: Meeting, accept: bool) -> Meeting:
    """One side accepts or declines; the latest answer stands."""
    if not permissions.can_respond_to_meeting(actor, meeting):
        raise PermissionDenied("Only the two delegates answer a meeting.")
    meeting.status = MeetingStatus.ACCEPTED if accept else MeetingStatus.DECLINED
    meeting.responded_by = actor
    meeting.save(update_fields=["status", "responded_by"])
    _tell_other_side(actor, meeting)
    return meeting


def _tell_other_side(actor, meeting: Meeting) -> None:
    seats = (meeting.delegate_a, meeting.delegate_b)
    answering = next((s for s in seats if s.user_id == actor.pk), None)
    other = next((s for s in seats if s is not answering), None)
    if other is None or other.user_id is None or answering is None:
        return
    verb = "accepted" if meeting.status == MeetingStatus.ACCEPTED else "declined"
    notify(
        user=other.user,
        kind=MeetingNotice.ANSWERED,
        title=f"{answering.full_name} {verb} your 1:1 meeting (slot {meeting.slot}, "
        f"table {meeting.table})",
        url=reverse("convenings:networking", kwargs={"slug": meeting.convening.slug}),
    )
