from django import template
from django.utils.safestring import mark_safe

from citypeers.core.html import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    return render_markdown(text)


# A constant: a simple tag returns it without the template render an inclusion tag costs, and
# cards on busy pages (a profile lists a dozen) each carry one.
DEMO_BADGE = mark_safe(
    '<span class="usa-tag cp-demo-tag" title="Written for demonstration; '
    'not a fact about this city">Demo content</span>'
)


@register.simple_tag
def demo_badge(obj):
    return DEMO_BADGE if getattr(obj, "is_demo", False) else ""


@register.inclusion_tag("components/pagination.html", takes_context=True)
def pagination(context, page_result):
    return {
        "page": page_result.page,
        "querystring": page_result.querystring,
        "request": context.get("request"),
    }
