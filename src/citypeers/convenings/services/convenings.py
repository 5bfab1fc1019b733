"""Set up a convening, move it through its states, add rooms and invite cities."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from citypeers.convenings.enums import (
    CONVENING_TRANSITIONS,
    RESERVED_SLUGS,
    ConveningState,
    DelegationStatus,
)
from citypeers.convenings.indexing import refresh_convening
from citypeers.convenings.models import Convening, ConveningStateChange, Delegation, Room
from citypeers.convenings.permissions import can_manage_convening
from citypeers.core.services import StaleEdit, attribute_change, unique_slug

EDITABLE_FIELDS = (
    "title",
    "host",
    "summary",
    "starts_on",
    "ends_on",
    "time_zone",
    "registration_opens_on",
    "delegation_deadline",
    "delegation_size",
    "min_senior_officials",
    "min_partners",
    "partner_types",
    "max_substitutes",
)


def require_organiser(actor) -> None:
    if not can_manage_convening(actor):
        raise PermissionDenied("Only network organisers may change convenings.")


def _validate(convening: Convening) -> None:
    errors = {}
    if convening.ends_on < convening.starts_on:
        errors["ends_on"] = "The convening cannot end before it starts."
    if convening.delegation_deadline < convening.registration_opens_on:
        errors["delegation_deadline"] = "The deadline cannot come before registration opens."
    elif convening.delegation_deadline > convening.starts_on:
        errors["delegation_deadline"] = "The deadline must be on or before the first day."
    if convening.min_senior_officials + convening.min_partners > convening.delegation_size:
        errors["delegation_size"] = (
            "A delegation this size cannot hold the senior officials and partners asked for."
        )
    if convening.delegation_size < 1:
        errors["delegation_size"] = "A delegation has at least one person."
    if errors:
        raise ValidationError(errors)
    convening.full_clean()


@transaction.atomic
def create_convening(
    *,
    actor,
    title: str,
    host,
    starts_on: date,
    ends_on: date,
    registration_opens_on: date,
    delegation_deadline: date,
    summary: str = "",
    time_zone: str = "America/New_York",
    delegation_size: int = 3,
    min_senior_officials: int = 2,
    min_partners: int = 1,
    partner_types: list[str] | None = None,
    max_substitutes: int = 2,
    is_demo: bool = False,
) -> Convening:
    """Create a draft convening and the first entry of its history."""
    require_organiser(actor)
    convening = Convening(
        slug=unique_slug(Convening, title, reserved=RESERVED_SLUGS, fallback="convening"),
        title=title,
        host=host,
        summary=summary,
        starts_on=starts_on,
        ends_on=ends_on,
        time_zone=time_zone,
        registration_opens_on=registration_opens_on,
        delegation_deadline=delegation_deadline,
        delegation_size=delegation_size,
        min_senior_officials=min_senior_officials,
        min_partners=min_partners,
        max_substitutes=max_substitutes,
        created_by=actor,
        is_demo=is_demo,
    )
    if partner_types is not None:
        convening.partner_types = list(partner_types)
    _validate(convening)
    attribute_change(convening, actor, "Created")
    convening.save()
    ConveningStateChange.objects.create(
        convening=convening,
        from_state="",
        to_state=convening.state,
        changed_by=actor,
        note="Created",
    )
    refresh_convening(convening)
    return convening


def _check_version(locked: Convening, sent: int | None) -> None:
    if sent is not None and sent != locked.version:
        raise StaleEdit(locked, expected_version=sent, noun="convening")


@transaction.atomic
def update_convening(*, convening: Convening, actor, version: int | None, **changes) -> Convening:
    """Change the convening's details and rules; `version` is the one the editor read."""
    require_organiser(actor)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}")
    locked = Convening.objects.select_for_update().get(pk=convening.pk)
    _check_version(locked, version)
    for field, value in changes.items():
        setattr(locked, field, value)
    _validate(locked)
    locked.version += 1
    attribute_change(locked, actor, "Edited")
    locked.save()
    refresh_convening(locked)
    return locked


def allowed_transitions(convening: Convening) -> tuple[str, ...]:
    return CONVENING_TRANSITIONS[convening.state]


@transaction.atomic
def transition_convening(
    *, convening: Convening, to_state: str, actor, note: str = ""
) -> Convening:
    """Move the convening one allowed step and log it in its history."""
    require_organiser(actor)
    locked = Convening.objects.select_for_update().get(pk=convening.pk)
    if to_state not in CONVENING_TRANSITIONS[locked.state]:
        label = ConveningState(to_state).label if to_state in ConveningState.values else to_state
        raise ValidationError(
            f"A convening in “{locked.get_state_display()}” cannot move to “{label}”."
        )
    ConveningStateChange.objects.create(
        convening=locked,
        from_state=locked.state,
        to_state=to_state,
        changed_by=actor,
        note=note[:300],
    )
    locked.state = to_state
    locked.version += 1
    attribute_change(locked, actor, f"State: {to_state}")
    locked.save(update_fields=["state", "version", "updated_at"])
    convening.state, convening.version = locked.state, locked.version
    refresh_convening(locked)
    return convening


@transaction.atomic
def add_room(*, convening: Convening, actor, name: str, capacity: int) -> Room:
    require_organiser(actor)
    room = Room(convening=convening, name=name.strip(), capacity=capacity)
    room.full_clean()
    room.save()
    return room


@transaction.atomic
def remove_room(*, room: Room, actor) -> None:
    require_organiser(actor)
    room.delete()


@transaction.atomic
def invite_cities(*, convening: Convening, actor, jurisdictions) -> list[Delegation]:
    """Put cities on the invitation list; each gets an empty delegation. Cities already
    invited are left as they are. Returns the new delegations."""
    require_organiser(actor)
    if convening.state not in (ConveningState.DRAFT, ConveningState.OPEN):
        raise ValidationError("Cities can be invited only before the programme is set.")
    existing = set(convening.delegations.values_list("jurisdiction_id", flat=True))
    created = []
    for jurisdiction in jurisdictions:
        if jurisdiction.pk in existing:
            continue
        delegation = Delegation(
            convening=convening, jurisdiction=jurisdiction, status=DelegationStatus.INVITED
        )
        delegation.full_clean(validate_constraints=False)
        attribute_change(delegation, actor, "Invited")
        delegation.save()
        existing.add(jurisdiction.pk)
        created.append(delegation)
    return created
