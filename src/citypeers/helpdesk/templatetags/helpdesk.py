from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def duration_words(delta: timedelta | None) -> str:
    """“3 h”, “2 days 4 h”, “25 min”: a response time an organiser reads at a glance."""
    if delta is None:
        return "not yet"
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h"
    days, rest = divmod(hours, 24)
    return f"{days} days {rest} h" if rest else f"{days} days"
