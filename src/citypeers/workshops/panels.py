"""The "insights from workshops" panel on a city profile (registered with `core.panels`)."""

from django.db.models import Count, Max

from citypeers.core.panels import Panel, per_city, register_panel
from citypeers.workshops.models import Insight
from citypeers.workshops.selectors import insights_for_jurisdiction


def _context(user, jurisdiction, empty: frozenset[str]) -> dict:
    # A city that is no insight's evidence needs no query.
    if "insights" in empty:
        return {"city_insights": []}
    return {"city_insights": insights_for_jurisdiction(user, jurisdiction)}


def _version() -> dict:
    evidence = Insight.evidence_cities.through.objects.all()
    return {
        "in_n": per_city(evidence, "jurisdiction", Count("id")),
        "in_m": per_city(evidence, "jurisdiction", Max("id")),
    }


register_panel(
    "profile",
    Panel(
        name="insights",
        template="workshops/_profile_panel.html",
        slot="main",
        order=30,
        context=_context,
        version=_version,
        part="insights",
        count_alias="in_n",
        query_budget=1,
    ),
)
