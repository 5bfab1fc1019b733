from django import template
from django.urls import NoReverseMatch

from citypeers.directory.enums import PopulationBand
from citypeers.workshops import selectors

register = template.Library()


@register.filter
def object_url(obj) -> str:
    """`obj.get_absolute_url()`, or "" while the owning app has no page for it yet."""
    try:
        return obj.get_absolute_url()
    except (NoReverseMatch, AttributeError):
        return ""


@register.filter
def band_label(value: str) -> str:
    return dict(PopulationBand.choices).get(value, value or "size not known")


@register.inclusion_tag("workshops/_state.html")
def state_badge(obj, field: str = "state"):
    return {
        "value": getattr(obj, field),
        "label": getattr(obj, f"get_{field}_display")(),
    }


@register.simple_tag
def workshops_dashboard(user) -> dict:
    """What the dashboard panel shows: invitations to answer and workshops the user is in."""
    editable = selectors.editable_jurisdiction_ids(user)
    return {
        "invitations": selectors.pending_invitations_for_user(user),
        "participating": selectors.workshops_of_user(user),
        "editable": editable,
    }
