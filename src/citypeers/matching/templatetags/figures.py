"""Peer-comparison figures in tables: the unit is in the column or row header, so a cell
shows the number alone, formatted for its unit ("1947", not "1,947")."""

from django import template

from citypeers.matching.engine import format_number

register = template.Library()


@register.filter
def figure(value, unit=""):
    return format_number(value, unit or "")
