from django import template

from citypeers.matching import selectors

register = template.Library()

PANEL_PEERS = 5


@register.inclusion_tag("matching/_peers_panel.html")
def peers_panel(jurisdiction):
    """Top context peers for a city profile: the cached matrix plus one query for the names."""
    return {"jurisdiction": jurisdiction, "peers": selectors.peers_for(jurisdiction, k=PANEL_PEERS)}
