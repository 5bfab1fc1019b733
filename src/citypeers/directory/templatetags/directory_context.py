"""`{{ indicator_values|context_figures:jurisdiction }}`: panel figures from values a page
already loaded (no query)."""

from django import template

from citypeers.directory.selectors.context import by_theme, figures_from

register = template.Library()


@register.filter
def context_figures(values, jurisdiction):
    return by_theme(figures_from(values or [], jurisdiction))
