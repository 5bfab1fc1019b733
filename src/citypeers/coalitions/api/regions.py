"""Coalitions, partnerships and their regional dashboards (public, aggregate figures)."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.urls import reverse
from ninja import Router

from citypeers.accounts.enums import OrganisationKind
from citypeers.accounts.models import Organisation
from citypeers.coalitions import services
from citypeers.coalitions.schemas import (
    CoalitionOut,
    CoalitionPatch,
    DashboardOut,
    PartnershipOut,
    PartnershipPatch,
)
from citypeers.coalitions.selectors import regions
from citypeers.core.api.auth import REQUIRED_AUTH, current_user
from citypeers.core.api.versions import StaleEditOut, expected_version, set_etag
from citypeers.directory.schemas import jurisdiction_ref
from citypeers.knowledge.models import ChallengeArea

router = Router()

SOURCES = {
    "members": "Coalition rosters on CityPeers; population from the US Census Bureau",
    "challenge_areas": "Member governments' published challenge statements on CityPeers",
    "replications": "CityPeers replication ledger (records the caller may see)",
    "certification_levels": "CityPeers certifications, each member's latest",
}


def _org(o) -> dict:
    return {"slug": o.slug, "name": o.name}


def project_out(p) -> dict:
    return {
        "id": p.pk,
        "version": p.version,
        "title": p.title,
        "description": p.description,
        "area": p.area.slug if p.area else None,
        "solution": p.solution.slug if p.solution else None,
        "is_demo": p.is_demo,
    }


def areas_by_slug(slugs: list[str], field: str) -> list[ChallengeArea]:
    found = list(ChallengeArea.objects.filter(slug__in=slugs))
    missing = sorted(set(slugs) - {a.slug for a in found})
    if missing:
        raise ValidationError({field: [f"Unknown challenge areas: {', '.join(missing)}."]})
    return found


def _coalitions(slugs: list[str]) -> list[Organisation]:
    found = list(Organisation.objects.filter(slug__in=slugs, kind=OrganisationKind.COALITION))
    missing = sorted(set(slugs) - {o.slug for o in found})
    if missing:
        raise ValidationError({"coalitions": [f"Unknown coalitions: {', '.join(missing)}."]})
    return found


@router.get("/coalitions/{slug}", response=CoalitionOut, url_name="coalition_detail")
def get_coalition(request, slug: str, response: HttpResponse):
    """A coalition: mission, region, member governments, partners with roles, projects. The
    `ETag` header is its profile's version, for `If-Match` on a later PATCH."""
    coalition = regions.coalition_by_slug(slug)
    out = _coalition_out(coalition)
    set_etag(response, out["version"])
    return out


@router.patch(
    "/coalitions/{slug}",
    response={200: CoalitionOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="coalition_update",
)
def update_coalition(request, slug: str, payload: CoalitionPatch, response: HttpResponse):
    """Change the coalition's mission and region (its administrators and network organisers).
    With `If-Match` (or `version`) a stale copy is refused with 409."""
    coalition = regions.coalition_for_user(request.auth, slug, for_edit=True)
    changes = payload.dict(exclude_unset=True)
    version = expected_version(request, changes.pop("version", None))
    fields = {k: v for k, v in changes.items() if v is not None}
    services.save_coalition_profile(
        coalition=coalition, actor=request.auth, expected_version=version, **fields
    )
    out = _coalition_out(regions.coalition_by_slug(slug))
    set_etag(response, out["version"])
    return out


def _coalition_out(coalition) -> dict:
    profile = regions.profile_of(coalition)
    page = regions.coalition_page(coalition, with_contacts=False)
    return {
        "slug": coalition.slug,
        "name": coalition.name,
        "url": reverse("coalitions:coalition", kwargs={"slug": coalition.slug}),
        "website": coalition.website,
        "mission": profile.mission if profile else coalition.description,
        "region_states": profile.region_states if profile else [],
        "region_counties": profile.region_counties if profile else "",
        "region_metro": profile.region_metro if profile else "",
        "source_note": profile.source_note if profile else "",
        "is_demo": coalition.is_demo or bool(profile and profile.is_demo),
        "version": profile.version if profile else 1,
        "members": [jurisdiction_ref(m) for m in page.members],
        "partners": [
            {"partner": _org(p.partner), "role": p.role, "is_demo": p.is_demo}
            for p in page.partners
        ],
        "projects": [project_out(p) for p in page.projects],
        "partnerships": [{"slug": p.slug, "name": p.name} for p in page.partnerships],
    }


@router.get("/partnerships/{slug}", response=PartnershipOut, url_name="partnership_detail")
def get_partnership(request, slug: str, response: HttpResponse):
    """A partnership; the `ETag` header is its version, for `If-Match` on a later PATCH."""
    partnership = regions.partnership_by_slug(slug)
    set_etag(response, partnership.version)
    return _partnership_out(partnership)


@router.patch(
    "/partnerships/{slug}",
    response={200: PartnershipOut, 409: StaleEditOut},
    auth=REQUIRED_AUTH,
    url_name="partnership_update",
)
def update_partnership(request, slug: str, payload: PartnershipPatch, response: HttpResponse):
    """Change a partnership's text, member coalitions (slugs, at least two) or shared agenda
    (challenge area slugs); lists given replace the old ones. For the administrators of its
    organisers and network organisers. A stale `If-Match` or `version` answers 409."""
    partnership = regions.partnership_for_user(request.auth, slug, for_edit=True)
    changes = payload.dict(exclude_unset=True)
    version = expected_version(request, changes.pop("version", None))
    fields = {k: v for k, v in changes.items() if v is not None}
    if "coalitions" in fields:
        fields["coalitions"] = _coalitions(fields["coalitions"])
    if "agenda" in fields:
        fields["agenda"] = areas_by_slug(fields["agenda"], "agenda")
    services.update_partnership(
        partnership=partnership, actor=request.auth, expected_version=version, **fields
    )
    partnership = regions.partnership_by_slug(slug)
    set_etag(response, partnership.version)
    return _partnership_out(partnership)


def _partnership_out(partnership) -> dict:
    coalitions = list(partnership.coalitions.all())
    return {
        "slug": partnership.slug,
        "name": partnership.name,
        "url": partnership.get_absolute_url(),
        "description": partnership.description,
        "source_note": partnership.source_note,
        "is_demo": partnership.is_demo,
        "coalitions": [_org(c) for c in coalitions],
        "organisers": [_org(o) for o in partnership.organisers.all()],
        "agenda": [a.slug for a in partnership.agenda.all()],
        "version": partnership.version,
        "government_count": len(regions.member_ids([c.pk for c in coalitions])),
    }


def _dashboard_out(request, ids) -> dict:
    board = regions.dashboard(current_user(request), ids, lists=False)
    return {
        "member_count": board.member_count,
        "states": board.states,
        "challenge_areas": [
            {"area": r["area"].slug, "name": r["area"].name, "member_governments": r["cities"]}
            for r in board.areas
        ],
        "solution_count": board.solution_count,
        "replication_stages": board.stage_counts,
        "certification_levels": None
        if board.levels is None
        else [{"level": level, "member_governments": n} for level, n in board.levels],
        "certified_count": board.certified_count,
        "certification_cycle": board.certification_cycle,
        "sources": SOURCES,
    }


@router.get("/coalitions/{slug}/dashboard", response=DashboardOut, url_name="coalition_dashboard")
def coalition_dashboard(request, slug: str):
    """The regional dashboard's figures for a coalition's member governments."""
    coalition = regions.coalition_by_slug(slug)
    return _dashboard_out(request, regions.members_of([coalition.pk]))


@router.get(
    "/partnerships/{slug}/dashboard", response=DashboardOut, url_name="partnership_dashboard"
)
def partnership_dashboard(request, slug: str):
    """The dashboard over every coalition of the partnership (each government once)."""
    partnership = regions.partnership_by_slug(slug)
    return _dashboard_out(request, regions.members_of([c.pk for c in partnership.coalitions.all()]))
