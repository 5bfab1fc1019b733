"""Writes for coalition profiles, partners, projects and partnerships of coalitions.

Member governments stay with accounts (`accounts.services.member_cities` is their one writer;
`import_member_list` below hands an uploaded list to its importer). Edits of a profile, a
project or a partnership take the version the editor read (`core.services.claim_version`).
"""

import tempfile
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from citypeers.accounts.enums import OrganisationKind
from citypeers.accounts.importers.members import MemberImportReport, import_members
from citypeers.coalitions.models import (
    CoalitionPartner,
    CoalitionProfile,
    CoalitionProject,
    Partnership,
)
from citypeers.coalitions.models.regions import seed_fingerprint
from citypeers.coalitions.permissions import (
    can_edit_partnership,
    can_manage_coalition,
    can_manage_partnerships,
)
from citypeers.core.services import attribute_change, claim_version
from citypeers.directory.importers.base import ImportFileError

PROFILE_FIELDS = (
    "mission",
    "region_states",
    "region_counties",
    "region_metro",
    "source_note",
    "is_demo",
)
PROJECT_FIELDS = ("title", "description", "area", "solution")
PARTNERSHIP_FIELDS = ("name", "description", "source_note")
PARTNERSHIP_LISTS = ("coalitions", "organisers", "agenda")
MAX_IMPORT_BYTES = 2_000_000


def _check_coalition(organisation) -> None:
    if organisation.kind != OrganisationKind.COALITION:
        raise ValidationError({"coalition": [f"{organisation.name} is not a coalition."]})


def _check_manager(actor, coalition, what: str) -> None:
    if not can_manage_coalition(actor, coalition):
        raise PermissionDenied(f"Only the coalition's administrators can change its {what}.")
    _check_coalition(coalition)


def _unknown(fields: dict, allowed) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")


@transaction.atomic
def save_coalition_profile(
    *, coalition, actor, expected_version: int | None = None, **fields
) -> CoalitionProfile:
    """Create or update a coalition's mission and region (states as two-letter codes).

    An existing profile is updated only if it is still at `expected_version` (else StaleEdit,
    nothing written); only the given fields are saved. History records the actor.
    """
    _check_manager(actor, coalition, "profile")
    _unknown(fields, PROFILE_FIELDS)
    if "region_states" in fields:
        states = [s.strip().upper() for s in fields["region_states"] if s.strip()]
        if any(len(s) != 2 or not s.isalpha() for s in states):
            raise ValidationError({"region_states": ["Use two-letter state codes."]})
        fields["region_states"] = sorted(set(states))
    profile = CoalitionProfile.objects.filter(organisation=coalition).first()
    if profile is not None:
        claim_version(profile, expected_version=expected_version, noun="coalition profile")
    profile = profile or CoalitionProfile(organisation=coalition)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    attribute_change(profile, actor)
    if profile.pk is None:
        profile.save()
    else:
        profile.save(update_fields=[*fields, "version", "updated_at"])
    return profile


@transaction.atomic
def set_coalition_partner(
    *, coalition, partner, role: str, actor, is_demo: bool = False
) -> CoalitionPartner:
    """Add a cross-sector partner to a coalition, or change its role."""
    _check_manager(actor, coalition, "partners")
    if partner.kind == OrganisationKind.LOCAL_GOVERNMENT:
        raise ValidationError({"partner": ["Governments join as members, not partners."]})
    if partner.pk == coalition.pk:
        raise ValidationError({"partner": ["A coalition cannot be its own partner."]})
    row = CoalitionPartner.objects.filter(coalition=coalition, partner=partner).first()
    row = row or CoalitionPartner(coalition=coalition, partner=partner)
    row.role, row.is_demo = role.strip(), is_demo
    row.full_clean()
    attribute_change(row, actor)
    if row.pk is None:
        row.save()
    else:
        row.save(update_fields=["role", "is_demo"])
    return row


@transaction.atomic
def remove_coalition_partner(*, row: CoalitionPartner, actor) -> None:
    """Take a partner off the coalition (the organisation itself stays)."""
    _check_manager(actor, row.coalition, "partners")
    attribute_change(row, actor, "Removed")
    row.delete()


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
    _check_manager(actor, coalition, "projects")
    project = CoalitionProject(
        coalition=coalition,
        title=title.strip(),
        description=description,
        area=area,
        solution=solution,
        is_demo=is_demo,
    )
    project.full_clean()
    attribute_change(project, actor, "Added")
    project.save()
    return project


@transaction.atomic
def update_coalition_project(
    *, project: CoalitionProject, actor, expected_version: int | None = None, **fields
) -> CoalitionProject:
    """Change a project's title, description, area or solution; StaleEdit if someone saved it
    after `expected_version` was read."""
    _check_manager(actor, project.coalition, "projects")
    _unknown(fields, PROJECT_FIELDS)
    claim_version(project, expected_version=expected_version, noun="project")
    if "title" in fields:
        fields["title"] = fields["title"].strip()
    for name, value in fields.items():
        setattr(project, name, value)
    project.full_clean()
    attribute_change(project, actor)
    project.save(update_fields=[*fields, "version", "updated_at"])
    return project


@transaction.atomic
def remove_coalition_project(*, project: CoalitionProject, actor) -> None:
    _check_manager(actor, project.coalition, "projects")
    attribute_change(project, actor, "Removed")
    project.delete()


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
    seeded: bool = False,
) -> Partnership:
    """Create or update a partnership of coalitions (found by slug); network organisers only.
    `seeded` (the demo seed) keeps a fingerprint of what was written, so a later seed can tell
    whether people have edited it since (`selectors.regions.partnership_edited_since_seeded`)."""
    if not can_manage_partnerships(actor):
        raise PermissionDenied("Only network organisers can manage partnerships.")
    coalitions = _coalitions(coalitions)
    organisers, agenda = list(organisers), list(agenda)
    partnership = Partnership.objects.filter(slug=slug).first() or Partnership(slug=slug)
    partnership.name, partnership.description = name, description
    partnership.source_note, partnership.is_demo = source_note, is_demo
    partnership.seed_fingerprint = (
        seed_fingerprint(
            name=name,
            description=description,
            source_note=source_note,
            coalitions=[c.slug for c in coalitions],
            organisers=[o.slug for o in organisers],
            agenda=[a.slug for a in agenda],
        )
        if seeded
        else ""
    )
    partnership.full_clean()
    attribute_change(partnership, actor, "Demo seed" if seeded else "")
    partnership.save()
    partnership.coalitions.set(coalitions)
    partnership.organisers.set(organisers)
    partnership.agenda.set(agenda)
    return partnership


def _coalitions(coalitions) -> list:
    coalitions = list(coalitions)
    for coalition in coalitions:
        _check_coalition(coalition)
    if len(coalitions) < 2:
        raise ValidationError({"coalitions": ["A partnership joins at least two coalitions."]})
    return coalitions


@transaction.atomic
def update_partnership(
    *, partnership: Partnership, actor, expected_version: int | None = None, **fields
) -> Partnership:
    """Change a partnership's text, member coalitions or shared agenda (its organisers'
    administrators and network organisers); changing the organisers themselves is for network
    organisers. Lists given replace the old ones. StaleEdit if saved after `expected_version`."""
    if not can_edit_partnership(actor, partnership):
        raise PermissionDenied("Only the partnership's organisers can change it.")
    _unknown(fields, PARTNERSHIP_FIELDS + PARTNERSHIP_LISTS)
    if "organisers" in fields and not can_manage_partnerships(actor):
        current = {o.pk for o in partnership.organisers.all()}
        if {o.pk for o in fields["organisers"]} != current:
            raise PermissionDenied("Only network organisers can change who organises it.")
    lists = {k: list(fields.pop(k)) for k in PARTNERSHIP_LISTS if k in fields}
    if "coalitions" in lists:
        lists["coalitions"] = _coalitions(lists["coalitions"])
    claim_version(partnership, expected_version=expected_version, noun="partnership")
    for name, value in fields.items():
        setattr(partnership, name, value)
    partnership.full_clean()
    attribute_change(partnership, actor)
    partnership.save(update_fields=[*fields, "version", "updated_at"])
    for name, values in lists.items():
        getattr(partnership, name).set(values)
    return partnership


def import_member_list(
    *, coalition, actor, data: bytes, filename: str, dry_run: bool = False
) -> MemberImportReport:
    """Add the governments of an uploaded CSV (`name`, `state`, optional `geoid`) to the
    coalition through accounts' member-list importer: each row is matched to one directory
    entry or reported (ambiguous, not found, listed twice), never guessed. Returns its
    MemberImportReport (every row left out in `left_out`, in file order); with `dry_run`
    nothing is saved. ValidationError if the file is unusable."""
    if not can_manage_coalition(actor, coalition):
        raise PermissionDenied("Only the coalition's administrators can import members.")
    _check_coalition(coalition)
    if len(data) > MAX_IMPORT_BYTES:
        raise ValidationError({"file": ["The file is over 2 MB; split it."]})
    suffix = Path(filename).suffix.lower() if Path(filename).suffix else ".csv"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{Path(filename).stem[:60] or 'members'}{suffix}"
        path.write_bytes(data)
        try:
            report: MemberImportReport = import_members(
                path=path, network=coalition.slug, dry_run=dry_run
            )
        except ImportFileError as error:
            raise ValidationError({"file": [str(error)]}) from None
    return report
