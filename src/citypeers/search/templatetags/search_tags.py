from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.inclusion_tag("components/pagination.html")
def pagination_for(page, querystring):
    return {"page": page, "querystring": querystring}
