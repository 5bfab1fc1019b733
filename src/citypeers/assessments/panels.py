"""The certification panel on a city profile (registered with `core.panels`)."""

from django.db.models import Count, Max

from citypeers.assessments.models import Certification
from citypeers.assessments.selectors import certification_for_profile
from citypeers.core.panels import Panel, per_city, register_panel


def _context(user, jurisdiction, empty: frozenset[str]) -> dict:
    # A city known to have no certification at all needs no query.
    if "certifications" in empty:
        return {"certification": None}
    return {"certification": certification_for_profile(user, jurisdiction)}


def _version() -> dict:
    certifications = Certification.objects.all()
    return {
        "ce_n": per_city(certifications, "jurisdiction", Count("id")),
        "ce_u": per_city(certifications, "jurisdiction", Max("updated_at")),
    }


register_panel(
    "profile",
    Panel(
        name="certification",
        template="assessments/_profile_panel_body.html",
        slot="aside",
        order=10,
        context=_context,
        version=_version,
        part="certifications",
        count_alias="ce_n",
        query_budget=1,
    ),
)
