"""Writes for coalition profiles, partners, projects and partnerships of coalitions.

Member governments stay with accounts (`accounts.services.member_cities` is their one writer).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from citypeers.accounts.enums import OrganisationKind
from citypeers.coalitions.models import (
    CoalitionPartner,
    CoalitionProfile,
    CoalitionProject,
    Partnership,
)
from citypeers.coalitions.permissions import can_manage_coalition, can_manage_partnerships
from citypeers.core.services import attribute_change

PROFILE_FIELDS = ("mission", "region_states", "region_counties", "source_note", "is_demo")


def _check_coalition(organisation) -> None:
    if organisation.kind != OrganisationKind.COALITION:
        raise ValidationError({"coalition": [f"{organisation.name} is not a coalition."]})


@transaction.atomic
def save_coalition_profile(*, coalition, actor, **fields) -> CoalitionProfile:
    """Create or update a coalition's mission and region (states as two-letter codes)."""
    if not can_manage_coalition(actor, coalition):
        raise PermissionDenied("Only the coalition's administrators can change its profile.")
    _check_coalition(coalition)
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    if "region_states" in fields:
        states = [s.strip().upper() for s in fields["region_states"]]
        if any(len(s) != 2 or not s.isalpha() for s in states):
            raise ValidationError({"region_states": ["Use two-letter state codes."]})
        fields["region_states"] = sorted(set(states))
    profile = CoalitionProfile.objects.filter(organisation=coalition).first()
    profile = profile or CoalitionProfile(organisation=coalition)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    attribute_change(profile, actor)
    profile.save()
    return profile


@transaction.atomic
def set_coalition_partner(
    *, coalition, partner, role: str, actor, is_demo: bool = False
) -> CoalitionPartner:
    """Add a cross-sector partner to a coalition, or change its role."""
    if not can_manage_coalition(actor, coalition):
        raise PermissionDenied("Only the coalition's administrators can change its partners.")
    _check_coalition(coalition)
    if partner.kind == OrganisationKind.LOCAL_GOVERNMENT:
        raise ValidationError({"partner": ["Governments join as members, not partners."]})
    row, _ = CoalitionPartner.objects.get_or_create(coalition=coalition, partner=partner)
    row.role, row.is_demo = role.strip(), is_demo
    row.full_clean()
    row.save(update_fields=["role", "is_demo"])
    return row


@transaction.atomic
def add_coalition_project(
    *,
    coalition,
    title: str,
    actor,
    description: str = "",
    area=None,
    solution=None,
    is_demo: bool = False,
) -> CoalitionProject:
    if not can_manage_coalition(actor, coalition):
        raise PermissionDenied("Only the coalition's administrators can add projects.")
    _check_coalition(coalition)
    project = CoalitionProject(
        coalition=coalition,
        title=title.strip(),
        description=description,
        area=area,
        solution=solution,
        is_demo=is_demo,
    )
    project.full_clean()
    project.save()
    return project


@transaction.atomic
def save_partnership(
    *,
    slug: str,
    name: str,
    actor,
    coalitions,
    organisers=(),
    agenda=(),
    description: str = "",
    source_note: str = "",
    is_demo: bool = False,
) -> Partnership:
    """Create or update a partnership of coalitions (found by slug)."""
    if not can_manage_partnerships(actor):
        raise PermissionDenied("Only network organisers can manage partnerships.")
    coalitions = list(coalitions)
    for coalition in coalitions:
        _check_coalition(coalition)
    if len(coalitions) < 2:
        raise ValidationError({"coalitions": ["A partnership joins at least two coalitions."]})
    partnership = Partnership.objects.filter(slug=slug).first() or Partnership(slug=slug)
    partnership.name, partnership.description = name, description
    partnership.source_note, partnership.is_demo = source_note, is_demo
    partnership.full_clean()
    attribute_change(partnership, actor)
    partnership.save()
    partnership.coalitions.set(coalitions)
    partnership.organisers.set(list(organisers))
    partnership.agenda.set(list(agenda))
    return partnership
