"""A coalition's member cities, changed by its administrators and the network organisers.

`add_network_member` / `remove_network_member` (memberships.py) stay the quiet, idempotent
writers for seeding; these two are for people: they refuse what makes no sense and leave a
trace in the coalition's history.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from citypeers.accounts.enums import OrganisationKind
from citypeers.accounts.models import JurisdictionMembership, Organisation

NOT_A_COALITION = "Only coalitions and networks have member cities."


def _already_member(organisation: Organisation, jurisdiction) -> ValidationError:
    return ValidationError(
        {"jurisdiction": [f"{jurisdiction} is already a member of {organisation}."]}
    )


def _lock(organisation: Organisation) -> None:
    """Serialise changes to one coalition's member list (PostgreSQL; SQLite writes one at a
    time anyway)."""
    list(Organisation.objects.select_for_update().filter(pk=organisation.pk).values_list("pk"))


def _record(organisation: Organisation, actor, reason: str) -> None:
    """The member list has no history of its own: the coalition's history row carries the
    change, who made it and what it was (as solutions record their attachments)."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        organisation._history_user = actor
    organisation._change_reason = reason[:100]
    organisation.save(update_fields=["updated_at"])


@transaction.atomic
def add_member_city(
    *, organisation: Organisation, jurisdiction, actor=None, joined_on=None
) -> JurisdictionMembership:
    """Make a directory entry a member city of a coalition; refuses a city already listed."""
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
    _lock(organisation)
    deleted, _ = JurisdictionMembership.objects.filter(
        organisation=organisation, jurisdiction=jurisdiction
    ).delete()
    if not deleted:
        raise ValidationError(f"{jurisdiction} is not a member of {organisation}.")
    _record(organisation, actor, f"Removed member city: {jurisdiction}")
