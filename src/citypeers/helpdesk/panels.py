"""The "questions answered" panel on a city profile (registered with `core.panels`): published
help-desk Q&As the city asked, answered or contributed a linked solution to."""

from django.db.models import Count, Max

from citypeers.core.panels import Panel, per_city, register_panel
from citypeers.helpdesk.models import HelpRequest
from citypeers.helpdesk.selectors import qa_for_city


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
