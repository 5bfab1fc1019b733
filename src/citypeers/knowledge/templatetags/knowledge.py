from django import template

from citypeers.search.sources import jurisdiction_url

register = template.Library()


@register.filter
def profile_url(jurisdiction) -> str:
    """The city's profile page (or its directory path while the directory pages are absent)."""
    return jurisdiction_url(jurisdiction)


@register.filter
def metric(value) -> str:
    """A measured number without noise: 1,250 · 12.5 · 0.25."""
    if value is None:
        return "\u2013"  # en dash
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
