"""A coalition's member cities: the one writer of `JurisdictionMembership`.

`add_member_city` / `remove_member_city` are for people: they refuse what makes no sense and
leave a trace in the coalition's history. `add_network_member` is the quiet, idempotent variant
for demo seeding, and `add_member_cities` the bulk variant for the member-list importer (one
history row for the whole import).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from citypeers.accounts.enums import OrganisationKind
from citypeers.accounts.models import JurisdictionMembership, Organisation
from citypeers.accounts.permissions import can_manage_network_members
from citypeers.core.services import attribute_change

NOT_A_COALITION = "Only coalitions and networks have member cities."


def _already_member(organisation: Organisation, jurisdiction) -> ValidationError:
    return ValidationError(
        {"jurisdiction": [f"{jurisdiction} is already a member of {organisation}."]}
    )


def _check_actor(actor, organisation: Organisation) -> None:
    """The named predicate for the acting user; imports and seeding pass none."""
    if actor is not None and not can_manage_network_members(actor, organisation):
        raise PermissionDenied("Only the coalition's administrators manage its member cities.")


def _lock(organisation: Organisation) -> None:
    """Serialise changes to one coalition's member list (PostgreSQL; SQLite writes one at a
    time anyway)."""
    list(Organisation.objects.select_for_update().filter(pk=organisation.pk).values_list("pk"))


def _record(organisation: Organisation, actor, reason: str) -> None:
    """The member list has no history of its own: the coalition's history row carries the
    change, who made it and what it was (as solutions record their attachments)."""
    attribute_change(organisation, actor, reason).save(update_fields=["updated_at"])


@transaction.atomic
def add_member_city(
    *, organisation: Organisation, jurisdiction, actor=None, joined_on=None
) -> JurisdictionMembership:
    """Make a directory entry a member city of a coalition; refuses a city already listed."""
    _check_actor(actor, organisation)
    if organisation.kind != OrganisationKind.COALITION:
        raise ValidationError(NOT_A_COALITION)
    _lock(organisation)
    if JurisdictionMembership.objects.filter(
        organisation=organisation, jurisdiction=jurisdiction
    ).exists():
        raise _already_member(organisation, jurisdiction)
    row = JurisdictionMembership(
        organisation=organisation, jurisdiction=jurisdiction, joined_on=joined_on
    )
    row.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        # Added by someone else between the check and the insert.
        raise _already_member(organisation, jurisdiction) from None
    _record(organisation, actor, f"Added member city: {jurisdiction}")
    return row


@transaction.atomic
def remove_member_city(*, organisation: Organisation, jurisdiction, actor=None) -> None:
    """Take a city off a coalition's member list."""
    _check_actor(actor, organisation)
    _lock(organisation)
    deleted, _ = JurisdictionMembership.objects.filter(
        organisation=organisation, jurisdiction=jurisdiction
    ).delete()
    if not deleted:
        raise ValidationError(f"{jurisdiction} is not a member of {organisation}.")
    _record(organisation, actor, f"Removed member city: {jurisdiction}")


@transaction.atomic
def add_network_member(
    *, organisation: Organisation, jurisdiction, joined_on=None
) -> JurisdictionMembership:
    """Record that a jurisdiction belongs to a coalition or network (idempotent, for seeding)."""
    if organisation.kind != OrganisationKind.COALITION:
        raise ValidationError(NOT_A_COALITION)
    row = JurisdictionMembership.objects.filter(
        organisation=organisation, jurisdiction=jurisdiction
    ).first()
    if row is not None:
        return row
    row = JurisdictionMembership(
        organisation=organisation, jurisdiction=jurisdiction, joined_on=joined_on
    )
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def add_member_cities(
    *, organisation: Organisation, jurisdiction_ids: list[int], actor=None
) -> tuple[int, int]:
    """Make each jurisdiction a member of a coalition in bulk; returns (added, already members).

    The coalition's history records the import once, with the number added.
    """
    if organisation.kind != OrganisationKind.COALITION:
        raise ValidationError(NOT_A_COALITION)
    _lock(organisation)
    wanted = set(jurisdiction_ids)
    existing = set(
        JurisdictionMembership.objects.filter(
            organisation=organisation, jurisdiction_id__in=wanted
        ).values_list("jurisdiction_id", flat=True)
    )
    new = []
    for jurisdiction_id in sorted(wanted - existing):
        row = JurisdictionMembership(organisation=organisation, jurisdiction_id=jurisdiction_id)
        row.full_clean(validate_unique=False, validate_constraints=False)
        new.append(row)
    JurisdictionMembership.objects.bulk_create(new, batch_size=500)
    if new:
        _record(organisation, actor, f"Imported {len(new)} member cities")
    return len(new), len(existing)
