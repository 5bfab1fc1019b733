from django import template

from citypeers.core.html import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    return render_markdown(text)


@register.inclusion_tag("components/demo_badge.html")
def demo_badge(obj):
    return {"is_demo": getattr(obj, "is_demo", False)}


@register.inclusion_tag("components/pagination.html", takes_context=True)
def pagination(context, page_result):
    return {"page": page_result.page, "querystring": page_result.querystring,
            "request": context.get("request")}
