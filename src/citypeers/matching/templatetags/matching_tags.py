from django import template

from citypeers.matching import selectors

register = template.Library()

PANEL_PEERS = 5


@register.inclusion_tag("matching/_peers_panel.html")
def peers_panel(jurisdiction):
    """Top context peers for a city profile: the cached matrix plus one query for the names."""
    ids = selectors.peer_ids_for(jurisdiction, k=PANEL_PEERS)
    by_id = selectors.jurisdictions_by_id(ids) if ids else {}
    return {"jurisdiction": jurisdiction, "peers": [by_id[i] for i in ids if i in by_id]}
