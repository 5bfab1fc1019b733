"""1:1 networking writes: a delegate's preferences, the organisers' proposal of meetings (run by
`engine.networking`) and each side's answer to a meeting.

Proposing again replaces proposed and declined meetings; accepted meetings and requests still
waiting for an answer stay where they are (their people are busy in that slot, their table is
taken and their pair is not proposed again). A delegate may also ask a named delegate of another
city for a meeting (`request_meeting`): in a chosen slot or the first one both are free, at a free
table.
"""

from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
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
    meetings. Accepted meetings and pending requests are kept; proposed and declined ones are
    replaced."""
    if not permissions.can_propose_meetings(actor, convening):
        raise PermissionDenied("Only organisers propose networking meetings.")
    plan, _ = NetworkingPlan.objects.select_for_update().get_or_create(convening=convening)
    plan.slots, plan.tables = slots, tables
    plan.proposed_at, plan.proposed_by = timezone.now(), actor
    plan.full_clean()
    plan.save()
    # Accepted meetings and requests still waiting for an answer stay where they are.
    pending_request = Q(status=MeetingStatus.PROPOSED, requested_by__isnull=False)
    held = Q(status=MeetingStatus.ACCEPTED) | pending_request
    Meeting.objects.filter(convening=convening).exclude(held).delete()
    kept = list(Meeting.objects.filter(held, convening=convening))
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
    if accept and not permissions.can_accept_meeting(actor, meeting):
        raise ValidationError(
            f"{meeting.delegate_b.full_name} has not answered your request yet; you can "
            "withdraw it by declining."
        )
    if accept and meeting.status == MeetingStatus.DECLINED:
        _refuse_if_taken(meeting)
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


def _occupied(convening: Convening, *, exclude_pk: int | None = None):
    """{slot: delegate ids busy}, {slot: tables taken} over meetings not declined."""
    busy: dict[int, set[int]] = defaultdict(set)
    taken: dict[int, set[int]] = defaultdict(set)
    meetings = Meeting.objects.filter(convening=convening).exclude(status=MeetingStatus.DECLINED)
    if exclude_pk is not None:
        meetings = meetings.exclude(pk=exclude_pk)
    rows = meetings.values_list("slot", "table", "delegate_a_id", "delegate_b_id")
    for slot, table, a, b in rows:
        busy[slot].update((a, b))
        taken[slot].add(table)
    return busy, taken


def _refuse_if_taken(meeting: Meeting) -> None:
    """A declined meeting accepted again must still fit: both people free, its table free."""
    NetworkingPlan.objects.select_for_update().filter(convening=meeting.convening).first()
    busy, taken = _occupied(meeting.convening, exclude_pk=meeting.pk)
    people = {meeting.delegate_a_id, meeting.delegate_b_id}
    if people & busy[meeting.slot] or meeting.table in taken[meeting.slot]:
        raise ValidationError(
            f"Slot {meeting.slot} is no longer free for this meeting; ask for a new one."
        )


@transaction.atomic
def request_meeting(
    *, actor, seat: Delegate, other: Delegate, slot: int | None = None, note: str = ""
) -> Meeting:
    """Ask a delegate of another city for a 1:1 meeting in `slot` (None: the first slot in
    which both are free and a table is free). Each person has one meeting a slot and a slot
    has as many meetings as the plan has tables; meetings not declined count. The person asked
    is told (in-app and by email after commit); they accept or decline, the asker may withdraw
    by declining."""
    convening = seat.delegation.convening
    is_own_seat = seat.user_id is not None and seat.user_id == getattr(actor, "pk", None)
    if not is_own_seat or not permissions.can_request_meeting(actor, convening):
        raise PermissionDenied("Only a delegate asks for a meeting, for themselves.")
    if other.delegation.convening_id != convening.pk or other.accepted_at is None:
        raise ValidationError({"delegate": "Choose a delegate of this convening."})
    if other.delegation.jurisdiction_id == seat.delegation.jurisdiction_id:
        raise ValidationError({"delegate": "Meet someone from another city."})
    if other.user_id is None:
        raise ValidationError({"delegate": f"{other.full_name} has no account to answer with."})
    # The plan's row is the lock: two requests for the last table of a slot never both win.
    plan, _ = NetworkingPlan.objects.select_for_update().get_or_create(convening=convening)
    pair = Meeting.objects.filter(
        Q(delegate_a=seat, delegate_b=other) | Q(delegate_a=other, delegate_b=seat),
        convening=convening,
    ).exclude(status=MeetingStatus.DECLINED)
    if pair.exists():
        raise ValidationError({"delegate": f"You already have a meeting with {other.full_name}."})
    busy, taken = _occupied(convening)
    if slot is not None and not 1 <= slot <= plan.slots:
        raise ValidationError({"slot": f"Choose a slot from 1 to {plan.slots}."})
    candidates = [slot] if slot is not None else range(1, plan.slots + 1)
    chosen = None
    for candidate in candidates:
        if seat.pk in busy[candidate]:
            refusal = f"You already have a meeting in slot {candidate}."
        elif other.pk in busy[candidate]:
            refusal = f"{other.full_name} already has a meeting in slot {candidate}."
        elif len(taken[candidate]) >= plan.tables:
            refusal = f"Every table is taken in slot {candidate}."
        else:
            chosen = candidate
            break
    if chosen is None:
        message = refusal if slot is not None else "No slot has both of you free and a table free."
        raise ValidationError({"slot": message})
    table = next(t for t in range(1, plan.tables + 1) if t not in taken[chosen])
    reason = f"{seat.full_name} asked for this meeting"
    if note.strip():
        reason += f": {note.strip()}"
    meeting = Meeting(
        convening=convening,
        delegate_a=seat,
        delegate_b=other,
        slot=chosen,
        table=table,
        reason=reason,
        requested_by=seat,
    )
    meeting.full_clean()
    meeting.save()
    notify(
        user=other.user,
        kind=MeetingNotice.REQUESTED,
        title=f"{seat.full_name} ({seat.delegation.jurisdiction.name}) asks you for a 1:1 "
        f"meeting at {convening.title} (slot {chosen}, table {table})",
        url=reverse("convenings:networking", kwargs={"slug": convening.slug}),
        body="Accept or decline it on the networking page; they are told.",
    )
    return meeting
