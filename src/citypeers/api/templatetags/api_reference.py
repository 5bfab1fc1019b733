import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def inline_code(text: str) -> str:
    """`name` → <code>name</code>, everything else escaped (OpenAPI descriptions use it)."""
    parts = re.split(r"`([^`]+)`", str(text))
    return mark_safe(
        "".join(f"<code>{escape(p)}</code>" if i % 2 else escape(p) for i, p in enumerate(parts))
    )
