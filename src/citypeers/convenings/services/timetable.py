"""Time slots, the timetable (proposed by `engine.timetable`, placed by hand, published) and
personal agendas.

After publication every change to a session's room or time (or its removal) emails its speakers
and the people with it in their agenda, once per change, after the transaction commits.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone

from citypeers.convenings import permissions
from citypeers.convenings.engine.timetable import RoomSpec, SessionSpec, schedule
from citypeers.convenings.enums import ProposalStatus
from citypeers.convenings.indexing import refresh_convening
from citypeers.convenings.models import (
    AgendaItem,
    Convening,
    Placement,
    Room,
    SessionProposal,
    TimeSlot,
    Timetable,
)
from citypeers.core.effects import after_commit
from citypeers.core.text import single_line

ENGINE_SECONDS = 1.0


def _require_builder(actor) -> None:
    if not permissions.can_build_timetable(actor):
        raise PermissionDenied("Only organisers build the timetable.")


def _timetable(convening: Convening) -> Timetable:
    timetable, _ = Timetable.objects.select_for_update().get_or_create(convening=convening)
    return timetable


@transaction.atomic
def add_slot(*, convening: Convening, actor, starts_at: datetime, ends_at: datetime) -> TimeSlot:
    """A slot of the programme; times are aware (forms read them in the convening's zone)."""
    _require_builder(actor)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "A slot ends after it starts."})
    overlapping = convening.slots.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)
    if overlapping.exists():
        raise ValidationError("This slot overlaps another slot of the programme.")
    slot = TimeSlot(convening=convening, starts_at=starts_at, ends_at=ends_at)
    slot.full_clean()
    slot.save()
    return slot


@transaction.atomic
def remove_slot(*, slot: TimeSlot, actor) -> None:
    _require_builder(actor)
    moved = list(slot.placements.values_list("proposal_id", flat=True))
    slot.delete()
    notify_if_published(slot.convening, moved)


def _session_specs(convening: Convening) -> list[SessionSpec]:
    accepted = (
        SessionProposal.objects.filter(convening=convening, status=ProposalStatus.ACCEPTED)
        .select_related("challenge_area")
        .prefetch_related("speaker_rows")
        .annotate(vote_count=Count("votes"))
        .order_by("pk")
    )
    return [
        SessionSpec(
            key=str(p.pk),
            speakers=frozenset(str(row.delegate_id) for row in p.speaker_rows.all()),
            area=p.challenge_area.name if p.challenge_area else "",
            interest=p.vote_count,
        )
        for p in accepted
    ]


@transaction.atomic
def propose_timetable(
    *, convening: Convening, actor, time_limit: float = ENGINE_SECONDS
) -> Timetable:
    """Run the engine over the accepted sessions, rooms and slots and store its placements,
    keeping hand-placed sessions where they are, and every conflict it reports."""
    _require_builder(actor)
    timetable = _timetable(convening)
    rooms = list(convening.rooms.all())
    slots = list(convening.slots.all())
    if not rooms or not slots:
        raise ValidationError("Add rooms and time slots before proposing a timetable.")
    slot_index = {s.pk: i for i, s in enumerate(slots)}
    room_by_name = {r.name: r for r in rooms}
    existing = {p.proposal_id: p for p in Placement.objects.filter(slot__convening=convening)}
    fixed = {
        str(p.proposal_id): (slot_index[p.slot_id], p.room.name)
        for p in existing.values()
        if p.is_manual
    }
    specs = _session_specs(convening)
    result = schedule(
        specs,
        [RoomSpec(r.name, r.capacity) for r in rooms],
        len(slots),
        time_limit=time_limit,
        fixed=fixed,
    )
    changed = []
    titles = dict(SessionProposal.objects.filter(convening=convening).values_list("pk", "title"))
    kept, new = set(), []
    for key, (slot_i, room_name) in result.placements.items():
        pk = int(key)
        before = existing.get(pk)
        spot = (slots[slot_i].pk, room_by_name[room_name].pk)
        if before is not None and before.is_manual and (before.slot_id, before.room_id) == spot:
            kept.add(pk)
            continue
        if before is None or (before.slot_id, before.room_id) != spot:
            changed.append(pk)
        new.append(
            Placement(
                proposal_id=pk, slot=slots[slot_i], room=room_by_name[room_name], placed_by=actor
            )
        )
    # Everything but the hand placements kept goes first, so no new spot collides with an old one.
    Placement.objects.filter(slot__convening=convening).exclude(proposal_id__in=kept).delete()
    Placement.objects.bulk_create(new)
    changed += [pk for pk in existing if str(pk) not in result.placements]
    timetable.conflicts = [
        {
            "kind": c.kind,
            "sessions": [titles.get(int(k), k) for k in c.sessions],
            "slot": _slot_label(slots[c.slot], convening) if c.slot is not None else "",
            "detail": c.detail,
        }
        for c in result.conflicts
    ]
    timetable.penalty = result.penalty
    timetable.proposed_at = timezone.now()
    timetable.version += 1
    timetable.save()
    notify_if_published(convening, changed, timetable)
    return timetable


def _slot_label(slot: TimeSlot, convening: Convening) -> str:
    local = timezone.localtime(slot.starts_at, _zone(convening))
    return f"{local:%a %-d %b %H:%M}"


def _zone(convening: Convening) -> ZoneInfo:
    return ZoneInfo(convening.time_zone)


def _speaker_busy(proposal: SessionProposal, slot: TimeSlot) -> SessionProposal | None:
    speakers = list(proposal.speaker_rows.values_list("delegate_id", flat=True))
    if not speakers:
        return None
    clash = (
        Placement.objects.filter(
            slot__convening=slot.convening,
            slot__starts_at__lt=slot.ends_at,
            slot__ends_at__gt=slot.starts_at,
            proposal__speaker_rows__delegate_id__in=speakers,
        )
        .exclude(proposal=proposal)
        .select_related("proposal")
        .first()
    )
    return clash.proposal if clash else None


@transaction.atomic
def place_session(*, proposal: SessionProposal, actor, room: Room, slot: TimeSlot) -> Placement:
    """An organiser puts an accepted session in a room and slot by hand; the engine keeps it
    there. Refused: a room or slot of another convening, a taken room, a speaker clash."""
    _require_builder(actor)
    convening = proposal.convening
    timetable = _timetable(convening)
    errors = {}
    if proposal.status != ProposalStatus.ACCEPTED:
        raise ValidationError("Only accepted sessions go in the timetable.")
    if room.convening_id != convening.pk:
        errors["room"] = "This room belongs to another convening."
    if slot.convening_id != convening.pk:
        errors["slot"] = "This slot belongs to another convening."
    if errors:
        raise ValidationError(errors)
    taken = Placement.objects.filter(room=room, slot=slot).exclude(proposal=proposal).first()
    if taken is not None:
        raise ValidationError(
            {"room": f"{room.name} already holds “{taken.proposal.title}” in that slot."}
        )
    busy = _speaker_busy(proposal, slot)
    if busy is not None:
        raise ValidationError(
            {"slot": f"A speaker of this session speaks in “{busy.title}” at that time."}
        )
    placement = Placement.objects.filter(proposal=proposal).first()
    moved = placement is None or (placement.room_id, placement.slot_id) != (room.pk, slot.pk)
    placement = placement or Placement(proposal=proposal)
    placement.room, placement.slot = room, slot
    placement.is_manual = True
    placement.placed_by = actor
    placement.updated_at = timezone.now()
    placement.full_clean(validate_unique=False, validate_constraints=False)
    placement.save()
    if moved:
        timetable.version += 1
        timetable.save(update_fields=["version"])
        notify_if_published(convening, [proposal.pk], timetable)
    return placement


@transaction.atomic
def publish_timetable(*, convening: Convening, actor) -> Timetable:
    """Make the timetable public; later changes notify the people they affect."""
    _require_builder(actor)
    timetable = _timetable(convening)
    if not Placement.objects.filter(slot__convening=convening).exists():
        raise ValidationError("Place at least one session before publishing the timetable.")
    if timetable.published_at is None:
        timetable.published_at = timezone.now()
        timetable.save(update_fields=["published_at"])
    # The programme's sessions become searchable with the convening.
    transaction.on_commit(lambda: refresh_convening(convening))
    return timetable


def notify_if_published(convening: Convening, proposal_ids, timetable=None) -> None:
    timetable = timetable or Timetable.objects.filter(convening=convening).first()
    if timetable is None or timetable.published_at is None:
        return
    transaction.on_commit(lambda: refresh_convening(convening))
    for pk in sorted(set(proposal_ids)):
        after_commit(
            lambda pk=pk: send_change_notice(pk), what=f"timetable change for proposal {pk}"
        )


def change_recipients(proposal: SessionProposal) -> list[str]:
    speakers = set(proposal.speaker_rows.values_list("delegate__email", flat=True))
    agenda = set(proposal.agenda_items.values_list("user__email", flat=True))
    return sorted(e for e in speakers | agenda if e)


def send_change_notice(proposal_id: int) -> None:
    """One email to the session's speakers and the people with it in their agenda."""
    proposal = SessionProposal.objects.select_related("convening").filter(pk=proposal_id).first()
    if proposal is None:
        return
    placement = Placement.objects.select_related("room", "slot").filter(proposal=proposal).first()
    recipients = change_recipients(proposal)
    if not recipients:
        return
    context = {
        "proposal": proposal,
        "convening": proposal.convening,
        "placement": placement,
        "starts": placement.slot.starts_at if placement else None,
        "url": settings.SITE_URL.rstrip("/") + proposal.get_absolute_url(),
        "network_name": settings.NETWORK_NAME,
    }
    with timezone.override(_zone(proposal.convening)):
        body = render_to_string("convenings/emails/timetable_change.txt", context)
    send_mail(single_line(f"Timetable change: {proposal.title}"), body, None, recipients)


@transaction.atomic
def add_to_agenda(*, proposal: SessionProposal, actor) -> AgendaItem:
    """A delegate adds a placed session to their agenda; adding it again changes nothing."""
    if not permissions.can_keep_agenda(actor, proposal.convening):
        raise PermissionDenied("Only the convening's delegates keep an agenda.")
    if proposal.status != ProposalStatus.ACCEPTED or not hasattr(proposal, "placement"):
        raise ValidationError("Only sessions in the timetable go in an agenda.")
    item, _ = AgendaItem.objects.get_or_create(user=actor, proposal=proposal)
    return item


@transaction.atomic
def remove_from_agenda(*, proposal: SessionProposal, actor) -> bool:
    if not permissions.can_keep_agenda(actor, proposal.convening):
        raise PermissionDenied("Only the convening's delegates keep an agenda.")
    deleted, _ = AgendaItem.objects.filter(user=actor, proposal=proposal).delete()
    return bool(deleted)
