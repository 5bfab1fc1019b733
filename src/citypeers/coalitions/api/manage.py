"""JSON API for a coalition's cross-sector partners and projects. Reads are public (like the
coalition page); writes are for the coalition's administrators and network organisers, through
the same services as the pages."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from ninja import Router, Status

from citypeers.accounts.enums import OrganisationKind
from citypeers.accounts.models import Organisation
from citypeers.coalitions import services
from citypeers.coalitions.api.regions import areas_by_slug, project_out
from citypeers.coalitions.schemas import (
    CoalitionPartnerIn,
    CoalitionPartnerPatch,
    PartnerRoleOut,
    ProjectIn,
    ProjectOut,
    ProjectPatch,
)
from citypeers.coalitions.selectors import regions
from citypeers.core.api.auth import REQUIRED_AUTH, current_user
from citypeers.core.api.versions import StaleEditOut, expected_version, set_etag
from citypeers.core.enums import PublicationStatus
from citypeers.knowledge.selectors import solutions_visible_to

router = Router()


def _partner_out(row) -> dict:
    return {
        "partner": {"slug": row.partner.slug, "name": row.partner.name},
        "role": row.role,
        "is_demo": row.is_demo,
    }


def _partner(slug: str) -> Organisation:
    partner = (
        Organisation.objects.filter(slug=slug)
        .exclude(kind=OrganisationKind.LOCAL_GOVERNMENT)
        .first()
    )
    if partner is None:
        raise ValidationError({"partner": [f"No partner organisation “{slug}”."]})
    return partner


def _project_links(user, fields: dict) -> dict:
    if fields.get("area"):
        fields["area"] = areas_by_slug([fields["area"]], "area")[0]
    if fields.get("solution"):
        slug = fields["solution"]
        fields["solution"] = (
            solutions_visible_to(user).filter(slug=slug, status=PublicationStatus.PUBLISHED).first()
        )
        if fields["solution"] is None:
            raise ValidationError({"solution": [f"No published solution “{slug}”."]})
    return fields


# --- partners ---------------------------------------------------------------------------------


@router.get(
    "/coalitions/{slug}/partners",
    response=list[PartnerRoleOut],
    url_name="coalition_partner_list",
)
def list_partners(request, slug: str):
    """The coalition's cross-sector partners and their roles."""
    coalition = regions.coalition_for_user(current_user(request), slug)
    return [_partner_out(row) for row in regions.partners_of(coalition)]


@router.post(
    "/coalitions/{slug}/partners",
    response={201: PartnerRoleOut},
    auth=REQUIRED_AUTH,
    url_name="coalition_partner_create",
)
def add_partner(request, slug: str, payload: CoalitionPartnerIn):
    """List an organisation as a partner with its role (an organisation listed already keeps
    one row: its role is replaced)."""
    coalition = regions.coalition_for_user(request.auth, slug, for_edit=True)
    row = services.set_coalition_partner(
        coalition=coalition,
        partner=_partner(payload.partner),
        role=payload.role,
        actor=request.auth,
    )
    return Status(201, _partner_out(row))


@router.patch(
    "/coalitions/{slug}/partners/{partner_slug}",
    response=PartnerRoleOut,
    auth=REQUIRED_AUTH,
    url_name="coalition_partner_update",
)
def change_partner(request, slug: str, partner_slug: str, payload: CoalitionPartnerPatch):
    row = regions.coalition_partner_for_user(request.auth, slug, partner_slug, for_edit=True)
    row = services.set_coalition_partner(
        coalition=row.coalition,
        partner=row.partner,
        role=payload.role,
        actor=request.auth,
        is_demo=row.is_demo,
    )
    return _partner_out(row)


@router.delete(
    "/coalitions/{slug}/partners/{partner_slug}",
    response={204: None},
    auth=REQUIRED_AUTH,
    url_name="coalition_partner_delete",
)
def remove_partner(request, slug: str, partner_slug: str):
    row = regions.coalition_partner_for_user(request.auth, slug, partner_slug, for_edit=True)
    services.remove_coalition_partner(row=row, actor=request.auth)
    return Status(204, None)


# --- projects ---------------------------------------------------------------------------------


@router.get(
    "/coalitions/{slug}/projects", response=list[ProjectOut], url_name="coalition_project_list"
)
def list_projects(request, slug: str):
    coalition = regions.coalition_for_user(current_user(request), slug)
    return [project_out(p) for p in regions.projects_of(coalition)]


@router.post(
    "/coalitions/{slug}/projects",
    response={201: ProjectOut},
    auth=REQUIRED_AUTH,
    url_name="coalition_project_create",
)
def add_project(request, slug: str, payload: ProjectIn):
    coalition = regions.coalition_for_user(request.auth, slug, for_edit=True)
    fields = _project_links(request.auth, payload.dict())
    project = services.add_coalition_project(coalition=coalition, actor=request.auth, **fields)
    return Status(201, project_out(project))


@router.get(
    "/coalitions/{slug}/projects/{project_id}",
    response=ProjectOut,
    url_name="coalition_project_detail",
)
def get_project(request, slug: str, project_id: int, response: HttpResponse):
    """One project; the `ETag` header is its version, for `If-Match` on a later PATCH."""
    project = regions.coalition_project_for_user(current_user(request), slug, project_id)
    set_etag(response, project.version)
    return project_out(project)


@router.patch(
    "/coalitions/{slug}/projects/{project_id}",
    response={200: ProjectOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="coalition_project_update",
)
def change_project(
    request, slug: str, project_id: int, payload: ProjectPatch, response: HttpResponse
):
    """Change some fields; `area` or `solution` null clears the link. A stale `If-Match` or
    `version` answers 409."""
    project = regions.coalition_project_for_user(request.auth, slug, project_id, for_edit=True)
    changes = payload.dict(exclude_unset=True)
    version = expected_version(request, changes.pop("version", None))
    fields = {k: v for k, v in changes.items() if v is not None or k in {"area", "solution"}}
    project = services.update_coalition_project(
        project=project,
        actor=request.auth,
        expected_version=version,
        **_project_links(request.auth, fields),
    )
    set_etag(response, project.version)
    return project_out(project)


@router.delete(
    "/coalitions/{slug}/projects/{project_id}",
    response={204: None},
    auth=REQUIRED_AUTH,
    url_name="coalition_project_delete",
)
def remove_project(request, slug: str, project_id: int):
    project = regions.coalition_project_for_user(request.auth, slug, project_id, for_edit=True)
    services.remove_coalition_project(project=project, actor=request.auth)
    return Status(204, None)
