"""Top-k context peers: a masked, weighted distance scanned over every city, exactly.

For a subject q and a city i, with feature weights w_f and the features both have (S_qi):

    d²(q, i) = Σ_{f∈S_qi} w_f Δ²_f  /  Σ_{f∈S_qi} w_f           (Gower-style renormalisation)

where Δ²_f is the squared difference of the standardised columns of feature f. `coverage` =
Σ_{S_qi} w_f / Σ_{f the subject has} w_f. The context similarity is

    similarity = 100 · (coverage · exp(-d²/2) + (1 - coverage) · exp(-1))

identical cities score 100, cities one robust standard deviation apart on every feature 61.
Missing values are not imputed; the weight we know nothing about counts at exp(-1), the
expected similarity of two random cities (E[Δz²] = 2), so a city cannot rank first by sharing
few features. Cities below `min_coverage` are not ranked at all, nor are cities with no value
in a theme the subject has (`theme_coverage_mask`).

With `A = [M | Z0 | Z0²]` the numerator and the denominator for all cities come from one
matrix product (see `find._scan`); the k+margin best are then recomputed directly, so ties and
rounding are settled by the same formula the brute-force reference uses.
"""

from citypeers.matching.engine.peers.all_pairs import all_pairs_topk
from citypeers.matching.engine.peers.filters import Filters, filter_mask
from citypeers.matching.engine.peers.find import find_peers, theme_coverage_mask
from citypeers.matching.engine.peers.results import FeatureContribution, MissingFeature, PeerResult
from citypeers.matching.engine.peers.terms import UNKNOWN, context_similarity, exact_terms

__all__ = [
    "UNKNOWN",
    "FeatureContribution",
    "Filters",
    "MissingFeature",
    "PeerResult",
    "all_pairs_topk",
    "context_similarity",
    "exact_terms",
    "filter_mask",
    "find_peers",
    "theme_coverage_mask",
]
