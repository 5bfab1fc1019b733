"""Reads for matching: peers, two-way partners and comparisons, ready for pages, API and CLI.

Peer results depend only on public data (directory facts, indicators, *published* challenge
statements and solutions), so they are the same for every caller. The engine runs on the
cached matrix (`cache.py`); each call costs the cache's fingerprint query (at most every few
seconds) plus one query for the result rows, however many results there are.

Callers go through this package (`selectors.peers_for(...)`), so patching a name here in a test
replaces what pages, API and CLI call; calls between the modules below are not affected.
"""

from citypeers.matching.selectors.cities import (
    LIST_FIELDS,
    city_options,
    display_key,
    jurisdiction_by_key,
    jurisdictions_by_id,
    option_label,
)
from citypeers.matching.selectors.comparison import ComparisonRow, comparison_rows
from citypeers.matching.selectors.peers import (
    DEFAULT_CHALLENGE_WEIGHT,
    Area,
    PeerMatch,
    PeerSearch,
    peer_ids_for,
    peer_search,
    peers_for,
)
from citypeers.matching.selectors.twoway import (
    TwoWayExchange,
    TwoWayMatch,
    TwoWayPage,
    solution_refs,
    two_way_page,
    two_way_partners,
)

__all__ = [
    "DEFAULT_CHALLENGE_WEIGHT",
    "LIST_FIELDS",
    "Area",
    "ComparisonRow",
    "PeerMatch",
    "PeerSearch",
    "TwoWayExchange",
    "TwoWayMatch",
    "TwoWayPage",
    "city_options",
    "comparison_rows",
    "display_key",
    "jurisdiction_by_key",
    "jurisdictions_by_id",
    "option_label",
    "peer_ids_for",
    "peer_search",
    "peers_for",
    "solution_refs",
    "two_way_page",
    "two_way_partners",
]
