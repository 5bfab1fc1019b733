"""Where guides show on pages of apps below (`core.panels`): a city profile lists the published
guides its people wrote; a solution page the guides that cite it as a case study; a challenge
area the guides filed under it; a roadmap the guides for its steps."""

from django.db.models import Count, Max

from citypeers.core.panels import Panel, per_city, register_panel
from citypeers.guides.enums import MemberStatus
from citypeers.guides.models import GuideMember
from citypeers.guides.selectors import (
    published_guides_citing,
    published_guides_for_area,
    published_guides_for_city,
    published_guides_for_criteria,
)


def _profile_context(user, jurisdiction, empty: frozenset[str]) -> dict:
    if "guides" in empty:
        return {"city_guides": []}
    return {"city_guides": published_guides_for_city(jurisdiction)}


def _profile_version() -> dict:
    # A published edition changes the guide's `current_edition`; the member rows of the city's
    # consortium people carry the guide's id, so count and the latest edition id cover both.
    members = GuideMember.objects.filter(
        status=MemberStatus.ACCEPTED, guide__current_edition__isnull=False
    )
    return {
        "gd_n": per_city(members, "jurisdiction", Count("id")),
        "gd_m": per_city(members, "jurisdiction", Max("guide__current_edition_id")),
    }


register_panel(
    "profile",
    Panel(
        name="guides",
        template="guides/_profile_panel.html",
        slot="main",
        order=45,
        context=_profile_context,
        version=_profile_version,
        part="guides",
        count_alias="gd_n",
        query_budget=1,
    ),
)

register_panel(
    "solution",
    Panel(
        name="guides",
        template="guides/_solution_panel.html",
        slot="aside",
        order=30,
        context=lambda user, solution, empty: {"guides": published_guides_citing(solution)},
        query_budget=1,
    ),
)

register_panel(
    "challenge-area",
    Panel(
        name="guides",
        template="guides/_area_panel.html",
        context=lambda user, area, empty: {"guides": published_guides_for_area(area)},
        query_budget=1,
    ),
)


def _roadmap_context(user, assessment, empty: frozenset[str]) -> dict:
    keys = set(getattr(assessment, "roadmap_step_keys", ()))
    return {"guides": published_guides_for_criteria(keys)}


register_panel(
    "roadmap",
    Panel(
        name="guides",
        template="guides/_roadmap_panel.html",
        order=20,
        context=_roadmap_context,
        query_budget=1,
    ),
)
