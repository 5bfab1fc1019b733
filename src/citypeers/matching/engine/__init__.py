"""The pure peer-matching engine: plain numpy arrays and dataclasses in, ranked results out.

No Django import happens below this package. See docs/matching.md for the method.
"""

from citypeers.matching.engine.challenges import (
    ChallengeExplanation,
    ChallengeIndex,
    SolutionDoc,
    SolutionRef,
    StatementDoc,
    build_challenge_index,
    challenge_explanation,
    challenge_scores,
    solution_owners,
)
from citypeers.matching.engine.features import (
    CityAttributes,
    FeatureMatrix,
    FeatureSpec,
    build_feature_matrix,
    choose_transform,
    chord_km,
    resolve_weights,
    standardise,
)
from citypeers.matching.engine.peers import (
    FeatureContribution,
    Filters,
    MissingFeature,
    PeerResult,
    all_pairs_topk,
    exact_terms,
    filter_mask,
    find_peers,
)
from citypeers.matching.engine.twoway import (
    Exchange,
    TwoWayScore,
    mutual_matrix,
    offer_strength,
    pair_score,
    two_way_for,
    two_way_scores,
)
from citypeers.matching.engine.words import (
    challenge_sentence,
    context_sentence,
    format_number,
    format_value,
)

__all__ = [
    "ChallengeExplanation",
    "ChallengeIndex",
    "CityAttributes",
    "Exchange",
    "FeatureContribution",
    "FeatureMatrix",
    "FeatureSpec",
    "Filters",
    "MissingFeature",
    "PeerResult",
    "SolutionDoc",
    "SolutionRef",
    "StatementDoc",
    "TwoWayScore",
    "all_pairs_topk",
    "build_challenge_index",
    "build_feature_matrix",
    "challenge_explanation",
    "challenge_scores",
    "challenge_sentence",
    "choose_transform",
    "chord_km",
    "context_sentence",
    "exact_terms",
    "filter_mask",
    "find_peers",
    "format_number",
    "format_value",
    "mutual_matrix",
    "offer_strength",
    "pair_score",
    "resolve_weights",
    "solution_owners",
    "standardise",
    "two_way_for",
    "two_way_scores",
]
