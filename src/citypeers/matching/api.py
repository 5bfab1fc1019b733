"""JSON API routes for matching, mounted under /api/v1/ by citypeers.api.urls.

Peers and two-way matches use public data only, so no credentials are needed. `{key}` is a
jurisdiction's GEOID or slug.
"""

from ninja import Query, Router

from citypeers.matching import cache, selectors
from citypeers.matching.engine import resolve_weights
from citypeers.matching.params import peer_params
from citypeers.matching.schemas import (
    FeatureListOut,
    PeerQuery,
    PeersOut,
    TwoWayListOut,
    TwoWayQuery,
    feature_out,
    peers_out,
    two_way_out,
)

router = Router(tags=["matching"])


@router.get(
    "/jurisdictions/{key}/peers",
    response=PeersOut,
    url_name="jurisdiction_peers",
    summary="Peers of a city, each with its explanation",
)
def jurisdiction_peers(request, key: str, query: Query[PeerQuery]):
    """The k most similar cities by context (and challenge, when given), best first.

    Each result says why: every feature's share of the similarity, what was missing, shared
    challenge areas, and what the peer tried for the challenge ("they tried X; you tried Y").
    """
    subject = selectors.jurisdiction_by_key(key)
    data = {k: v for k, v in query.dict().items() if v not in (None, "")}
    data["has_solution"] = "1" if query.has_solution else ""
    return peers_out(selectors.peer_search(subject, peer_params(data)))


@router.get(
    "/jurisdictions/{key}/two-way",
    response=TwoWayListOut,
    url_name="jurisdiction_two_way",
    summary="Two-way partners of a city",
)
def jurisdiction_two_way(request, key: str, query: Query[TwoWayQuery]):
    """Partners where each side has a solution to a challenge the other stated, ranked by the
    weaker direction (min), both directions explained with solution links."""
    subject = selectors.jurisdiction_by_key(key)
    page = selectors.two_way_page(subject, limit=query.limit)
    return two_way_out(subject, page.matches, page.partners, page.refs)


@router.get(
    "/matching/features",
    response=FeatureListOut,
    url_name="matching_features",
    summary="Context features available for peer matching",
)
def matching_features(request):
    """Feature codes, themes and default weights: the names `weights=` accepts."""
    matrix = cache.feature_matrix()
    weights = resolve_weights(matrix.specs)
    results = [feature_out(s, float(w)) for s, w in zip(matrix.specs, weights, strict=True)]
    themes = list(dict.fromkeys(s.theme for s in matrix.specs))
    return {"count": len(results), "themes": themes, "results": results}
