"""The "Peers" panel on a city profile (registered with `core.panels`).

It costs the page no query: the peers load after the page through htmx, so the profile never
waits for the matching engine. Its freshness comes from the peer matrix's data version, which
the profile's cache key includes.
"""

from citypeers.core.panels import Panel, register_panel

register_panel(
    "profile",
    Panel(name="peers", template="matching/_profile_panel.html", slot="aside", order=20),
)
