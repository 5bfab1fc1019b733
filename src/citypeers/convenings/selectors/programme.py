"""Reads for the programme: proposals with their votes and review averages, the timetable grid,
a room's sessions and a delegate's agenda. Access helpers give one 404 for missing and not yours.
"""

from dataclasses import dataclass, field

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, QuerySet, Value
from django.http import Http404

from citypeers.convenings import permissions
from citypeers.convenings.enums import ProposalStatus
from citypeers.convenings.models import (
    AgendaItem,
    Convening,
    Delegate,
    Placement,
    ProposalVote,
    Room,
    SessionProposal,
    SessionSpeaker,
    TimeSlot,
    Timetable,
)
from citypeers.convenings.selectors import convening_for_user

AGENDA_FEED_SALT = "citypeers.convenings.agenda-feed"


def programme_convening_for_user(user, slug: str) -> Convening:
    """The convening if the user takes part in its programme (a delegate or organiser); else 404."""
    convening = convening_for_user(user, slug)
    if not permissions.can_take_part_in_programme(user, convening):
        raise Http404("No such convening.")
    return convening


def timetable_convening_for_user(user, slug: str) -> Convening:
    convening = convening_for_user(user, slug)
    if not permissions.can_view_timetable(user, convening):
        raise Http404("No timetable yet.")
    return convening


def _speaker_rows():
    return Prefetch(
        "speaker_rows",
        queryset=SessionSpeaker.objects.select_related("delegate__delegation__jurisdiction"),
    )


def proposals_for(convening: Convening, user) -> QuerySet[SessionProposal]:
    """The convening's proposals with vote counts, review averages and whether `user` voted."""
    voted = (
        Exists(ProposalVote.objects.filter(proposal=OuterRef("pk"), voter=user))
        if getattr(user, "is_authenticated", False)
        else Value(False)
    )
    return (
        SessionProposal.objects.filter(convening=convening)
        .select_related("challenge_area", "proposer", "convening")
        .prefetch_related(_speaker_rows())
        .annotate(
            vote_count=Count("votes", distinct=True),
            relevance_avg=Avg("reviews__relevance"),
            feasibility_avg=Avg("reviews__feasibility"),
            voted=voted,
        )
        .order_by("-created_at", "-pk")
    )


def proposal_for_user(user, convening: Convening, pk, *, for_edit: bool = False):
    """One proposal of the convening the user may see (or, `for_edit`, change); else 404."""
    proposal = proposals_for(convening, user).filter(pk=pk).first()
    if proposal is None or not permissions.can_view_proposal(user, proposal):
        raise Http404("No such proposal.")
    if for_edit and not permissions.can_edit_proposal(user, proposal):
        raise Http404("No such proposal.")
    return proposal


def require_decider(user, proposal) -> None:
    """Accepting or declining is for organisers (403 with the reason for others who see it)."""
    if not permissions.can_decide_proposal(user, proposal):
        raise PermissionDenied("Only organisers accept or decline proposals.")


def delegates_of(convening: Convening) -> QuerySet[Delegate]:
    """Who may speak: the confirmed delegates of every city at the convening."""
    return (
        Delegate.objects.filter(delegation__convening=convening, accepted_at__isnull=False)
        .select_related("delegation__jurisdiction")
        .order_by("delegation__jurisdiction__name", "full_name")
    )


def timetable_of(convening: Convening) -> Timetable:
    timetable = Timetable.objects.filter(convening=convening).first()
    return timetable or Timetable(convening=convening)


def placements_of(convening: Convening) -> QuerySet[Placement]:
    return (
        Placement.objects.filter(slot__convening=convening)
        .select_related("proposal__challenge_area", "proposal__convening", "room", "slot")
        .prefetch_related(
            Prefetch(
                "proposal__speaker_rows",
                queryset=SessionSpeaker.objects.select_related(
                    "delegate__delegation__jurisdiction"
                ),
            )
        )
        .order_by("slot__starts_at", "room__name")
    )


@dataclass
class GridRow:
    slot: TimeSlot
    cells: list[Placement | None] = field(default_factory=list)
    rooms: list[Room] = field(default_factory=list)

    @property
    def spots(self) -> list[tuple[Room, Placement | None]]:
        """(room, placement or None) across the row, for drop targets that name their room."""
        return list(zip(self.rooms, self.cells, strict=True))


def timetable_grid(convening: Convening) -> tuple[list[Room], list[GridRow]]:
    """Rooms across, slots down, each cell the placed session or None (four queries)."""
    rooms = list(convening.rooms.all())
    slots = list(convening.slots.all())
    at = {(p.slot_id, p.room_id): p for p in placements_of(convening)}
    return rooms, [
        GridRow(slot, [at.get((slot.pk, room.pk)) for room in rooms], rooms) for slot in slots
    ]


def unplaced_accepted(convening: Convening) -> list[SessionProposal]:
    return list(
        SessionProposal.objects.filter(
            convening=convening, status=ProposalStatus.ACCEPTED, placement__isnull=True
        ).order_by("title")
    )


def room_placements(room: Room) -> list[Placement]:
    return list(placements_of(room.convening).filter(room=room))


@dataclass
class AgendaEntry:
    item: AgendaItem
    placement: Placement | None
    clashes_with: list[str] = field(default_factory=list)


def agenda_for(user, convening: Convening) -> list[AgendaEntry]:
    """The user's agenda in time order, each entry naming the agenda items it overlaps."""
    items = list(
        AgendaItem.objects.filter(user=user, proposal__convening=convening)
        .select_related("proposal__convening", "proposal__challenge_area")
        .select_related("proposal__placement__room", "proposal__placement__slot")
    )
    entries = []
    for item in items:
        placement = getattr(item.proposal, "placement", None)
        entries.append(AgendaEntry(item, placement))
    timed = [e for e in entries if e.placement is not None]
    for entry in timed:
        assert entry.placement is not None
        for other in timed:
            assert other.placement is not None
            if other is entry:
                continue
            if (
                other.placement.slot.starts_at < entry.placement.slot.ends_at
                and entry.placement.slot.starts_at < other.placement.slot.ends_at
            ):
                entry.clashes_with.append(other.item.proposal.title)
    entries.sort(
        key=lambda e: (e.placement is None, e.placement.slot.starts_at if e.placement else 0)
    )
    return entries


def agenda_proposal_ids(user, convening: Convening) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        AgendaItem.objects.filter(user=user, proposal__convening=convening).values_list(
            "proposal_id", flat=True
        )
    )


def agenda_feed_token(user, convening: Convening) -> str:
    """An unguessable token for the user's agenda feed: calendar apps send no cookie."""
    return signing.dumps({"u": user.pk, "c": convening.pk}, salt=AGENDA_FEED_SALT, compress=True)


def agenda_user_for_token(convening: Convening, token: str):
    """The delegate a feed token was made for, or 404 (tampered, another convening, no seat)."""
    try:
        data = signing.loads(token, salt=AGENDA_FEED_SALT)
    except signing.BadSignature as exc:
        raise Http404("No such feed.") from exc
    if not isinstance(data, dict) or data.get("c") != convening.pk:
        raise Http404("No such feed.")
    user_id = data.get("u")
    if not isinstance(user_id, int):
        raise Http404("No such feed.")
    delegate = (
        Delegate.objects.select_related("user")
        .filter(user_id=user_id, delegation__convening=convening, accepted_at__isnull=False)
        .first()
    )
    if delegate is None:
        raise Http404("No such feed.")
    return delegate.user
