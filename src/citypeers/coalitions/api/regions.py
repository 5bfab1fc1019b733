"""Coalitions, partnerships and their regional dashboards (public, aggregate figures)."""

from django.urls import reverse
from ninja import Router

from citypeers.coalitions.schemas import CoalitionOut, DashboardOut, PartnershipOut
from citypeers.coalitions.selectors import regions
from citypeers.core.api.auth import current_user
from citypeers.directory.schemas import jurisdiction_ref

router = Router()

SOURCES = {
    "members": "Coalition rosters on CityPeers; population from the US Census Bureau",
    "challenge_areas": "Member governments' published challenge statements on CityPeers",
    "replications": "CityPeers replication ledger (records the caller may see)",
    "certification_levels": "CityPeers certifications, each member's latest",
}


def _org(o) -> dict:
    return {"slug": o.slug, "name": o.name}


@router.get("/coalitions/{slug}", response=CoalitionOut, url_name="coalition_detail")
def get_coalition(request, slug: str):
    """A coalition: mission, region, member governments, partners with roles, projects."""
    coalition = regions.coalition_by_slug(slug)
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
        "source_note": profile.source_note if profile else "",
        "is_demo": coalition.is_demo or bool(profile and profile.is_demo),
        "members": [jurisdiction_ref(m) for m in page.members],
        "partners": [
            {"partner": _org(p.partner), "role": p.role, "is_demo": p.is_demo}
            for p in page.partners
        ],
        "projects": [
            {
                "title": p.title,
                "description": p.description,
                "area": p.area.slug if p.area else None,
                "solution": p.solution.slug if p.solution else None,
                "is_demo": p.is_demo,
            }
            for p in page.projects
        ],
        "partnerships": [{"slug": p.slug, "name": p.name} for p in page.partnerships],
    }


@router.get("/partnerships/{slug}", response=PartnershipOut, url_name="partnership_detail")
def get_partnership(request, slug: str):
    partnership = regions.partnership_by_slug(slug)
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
        "government_count": len(regions.member_ids([c.pk for c in coalitions])),
    }


def _dashboard_out(request, ids) -> dict:
    board = regions.dashboard(current_user(request), ids)
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
    return _dashboard_out(request, regions.member_ids([coalition.pk]))


@router.get(
    "/partnerships/{slug}/dashboard", response=DashboardOut, url_name="partnership_dashboard"
)
def partnership_dashboard(request, slug: str):
    """The dashboard over every coalition of the partnership (each government once)."""
    partnership = regions.partnership_by_slug(slug)
    return _dashboard_out(request, regions.member_ids([c.pk for c in partnership.coalitions.all()]))
