"""Network (coalition) membership of jurisdictions: accounts.JurisdictionMembership rows."""

from django.db import transaction

from citypeers.accounts.models import JurisdictionMembership, Organisation
from citypeers.directory.models import Jurisdiction


@transaction.atomic
def add_network_members(
    *, organisation: Organisation, jurisdictions: list[Jurisdiction]
) -> tuple[int, int]:
    """Make each jurisdiction a member of `organisation`; returns (added, already members)."""
    wanted = {j.pk for j in jurisdictions}
    existing = set(
        JurisdictionMembership.objects.filter(
            organisation=organisation, jurisdiction_id__in=wanted
        ).values_list("jurisdiction_id", flat=True)
    )
    new = []
    for jurisdiction_id in sorted(wanted - existing):
        membership = JurisdictionMembership(
            organisation=organisation, jurisdiction_id=jurisdiction_id
        )
        membership.full_clean(validate_unique=False, validate_constraints=False)
        new.append(membership)
    JurisdictionMembership.objects.bulk_create(new, batch_size=500)
    return len(new), len(existing)
