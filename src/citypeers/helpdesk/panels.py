"""Help-desk panels on pages below (registered with `core.panels`): on a city profile, the
published Q&As the city asked, answered or contributed a linked solution to; on an assessment
roadmap, the published Q&As about the criteria of its steps."""

from django.db.models import Count, Max

from citypeers.core.panels import Panel, per_city, register_panel
from citypeers.helpdesk.models import HelpRequest
from citypeers.helpdesk.selectors import qa_for_city, qa_for_criteria


def _context(user, jurisdiction, empty: frozenset[str]) -> dict:
    if "help_qas" in empty:
        return {"city_qas": []}
    return {"city_qas": qa_for_city(jurisdiction)}


def _version() -> dict:
    # Only published Q&As have involved cities, so the count is the panel's.
    involved = HelpRequest.involved_cities.through.objects.all()
    return {
        "hq_n": per_city(involved, "jurisdiction", Count("id")),
        "hq_m": per_city(involved, "jurisdiction", Max("id")),
    }


register_panel(
    "profile",
    Panel(
        name="questions-answered",
        template="helpdesk/_profile_panel.html",
        slot="main",
        order=40,
        context=_context,
        version=_version,
        part="help_qas",
        count_alias="hq_n",
        query_budget=1,
    ),
)


def _roadmap_context(user, assessment, empty: frozenset[str]) -> dict:
    keys = set(getattr(assessment, "roadmap_step_keys", ()))
    return {"qas": qa_for_criteria(keys, version_id=assessment.version_id)}


register_panel(
    "roadmap",
    Panel(
        name="questions-answered",
        template="helpdesk/_roadmap_panel.html",
        order=30,
        context=_roadmap_context,
        query_budget=1,
    ),
)
