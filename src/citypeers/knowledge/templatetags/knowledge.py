from django import template

register = template.Library()


@register.filter
def profile_url(jurisdiction) -> str:
    """The city's profile page."""
    return jurisdiction.get_absolute_url()


@register.filter
def metric(value) -> str:
    """A measured number without noise: 1,250 · 12.5 · 0.25."""
    if value is None:
        return "\u2013"  # en dash
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
