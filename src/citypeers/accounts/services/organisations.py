from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from citypeers.accounts.enums import OrganisationKind
from citypeers.accounts.models import Organisation
from citypeers.accounts.permissions import can_create_organisation, can_edit_organisation
from citypeers.core.services import claim_version
from citypeers.core.services import unique_slug as core_unique_slug
from citypeers.directory.enums import GovernmentType

# How a local government calls itself, by directory type ("City of Boston").
GOVERNMENT_NAME_PREFIX = {
    GovernmentType.CITY: "City of",
    GovernmentType.TOWN: "Town of",
    GovernmentType.VILLAGE: "Village of",
    GovernmentType.BOROUGH: "Borough of",
    GovernmentType.TOWNSHIP: "Township of",
}
EDITABLE_FIELDS = ("name", "partner_type", "website", "description")
RESERVED_SLUGS = {"new"}  # /accounts/organisations/new/ is the create page


def unique_slug(text: str, *, exclude_pk: int | None = None) -> str:
    return core_unique_slug(
        Organisation, text, reserved=RESERVED_SLUGS, fallback="organisation", exclude_pk=exclude_pk
    )


def government_name(jurisdiction) -> str:
    """ "City of Boston" when the directory knows the type, else "Boston, MA"."""
    prefix = GOVERNMENT_NAME_PREFIX.get(jurisdiction.kind)
    if prefix and not jurisdiction.name.lower().endswith(prefix.split()[0].lower()):
        return f"{prefix} {jurisdiction.name}"
    if prefix or jurisdiction.kind == GovernmentType.COUNTY:
        return jurisdiction.name
    return f"{jurisdiction.name}, {jurisdiction.state}"


@transaction.atomic
def create_organisation(
    *,
    name: str,
    kind: str,
    partner_type: str = "",
    website: str = "",
    description: str = "",
    jurisdiction=None,
    is_demo: bool = False,
    slug: str = "",
    actor=None,
) -> Organisation:
    """Create an organisation with a unique slug made from `slug`, or else from its name.

    `actor` is the person creating it (network organisers may); setup and the directory's
    own government organisations pass none."""
    if actor is not None and not can_create_organisation(actor):
        raise PermissionDenied("Only network organisers may create organisations.")
    if kind != OrganisationKind.PARTNER:
        partner_type = ""
    organisation = Organisation(
        name=name.strip(),
        slug=unique_slug(slug or name),
        kind=kind,
        partner_type=partner_type,
        website=website.strip(),
        description=description.strip(),
        jurisdiction=jurisdiction,
        is_demo=is_demo,
    )
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def update_organisation(
    *, organisation: Organisation, expected_version: int | None = None, actor=None, **changes
) -> Organisation:
    """Change an organisation's public details. Kind and directory entry are fixed at creation.

    `expected_version` is the version the editor read: if someone saved since, StaleEdit is
    raised and nothing is written. Only the changed fields are saved.
    """
    if actor is not None and not can_edit_organisation(actor, organisation):
        raise PermissionDenied("Only network organisers may change an organisation's details.")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Cannot change {', '.join(sorted(unknown))} here.")
    claim_version(organisation, expected_version=expected_version, noun="organisation")
    for field, value in changes.items():
        setattr(organisation, field, (value or "").strip())
    if organisation.kind != OrganisationKind.PARTNER:
        organisation.partner_type = ""
    organisation.full_clean()
    organisation.save(update_fields=sorted({*changes, "partner_type", "version", "updated_at"}))
    return organisation


def organisation_for_jurisdiction(jurisdiction) -> Organisation:
    """The local-government organisation that runs this directory entry, created on demand."""
    existing = Organisation.objects.filter(jurisdiction=jurisdiction).first()
    if existing is not None:
        return existing
    name = government_name(jurisdiction)
    state_suffix = f", {jurisdiction.state}"
    try:
        return create_organisation(
            name=name,
            kind=OrganisationKind.LOCAL_GOVERNMENT,
            jurisdiction=jurisdiction,
            # The state keeps the many Springfields apart: city-of-springfield-il.
            slug=name if name.endswith(state_suffix) else f"{name}{state_suffix}",
        )
    except (IntegrityError, ValidationError):
        # Another request created it between our read and our write.
        existing = Organisation.objects.filter(jurisdiction=jurisdiction).first()
        if existing is None:
            raise
        return existing
