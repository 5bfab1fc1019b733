"""Template helpers for assessment pages and the profile/dashboard panels."""

from django import template
from django.urls import NoReverseMatch, reverse

from citypeers.assessments import selectors
from citypeers.assessments.engine.roadmap import HORIZONS

register = template.Library()

HORIZON_LABELS = {3: "Next 3 months", 6: "Within 6 months", 12: "Within a year"}


@register.filter
def pct(value) -> str:
    """55.81 → "55.8 %"; whole numbers lose the decimal."""
    if value is None or value == "":
        return "\u2013"
    number = round(float(value), 1)
    text = f"{number:.0f}" if number == int(number) else f"{number:.1f}"
    return f"{text}\u00a0%"


@register.filter
def num(value) -> str:
    if value is None:
        return "\u2013"
    number = round(float(value), 1)
    return f"{number:.0f}" if number == int(number) else f"{number:.1f}"


@register.filter
def get(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def profile_url(jurisdiction) -> str:
    """The city's directory profile, or "" if the directory pages are not installed."""
    try:
        return jurisdiction.get_absolute_url()
    except NoReverseMatch:
        return ""


@register.simple_tag
def horizon_label(months: int) -> str:
    return HORIZON_LABELS.get(months, f"Within {months} months")


@register.simple_tag
def horizons():
    return HORIZONS


@register.inclusion_tag("assessments/_dashboard_panel_body.html")
def assessments_dashboard_panel(user):
    return {"user": user, **selectors.dashboard_panel(user)}


@register.filter
def stage_title(spec, level) -> str:
    return spec.scale_title(level)


@register.filter
def peer_url(peer) -> str:
    """A peer result's directory profile, or "" while the directory pages are missing."""
    try:
        return reverse("profiles:profile", kwargs={"slug": peer.slug})
    except NoReverseMatch:
        return ""
