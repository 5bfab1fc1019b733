"""What a peer search returns: one `PeerResult` per city, with its explanation if asked for."""

from dataclasses import dataclass


@dataclass(slots=True)  # not frozen: built 400 times per query, frozen init is slow
class FeatureContribution:
    code: str
    label: str
    theme: str
    kind: str
    unit: str
    weight: float
    subject_value: float | str | None
    peer_value: float | str | None
    delta: float  # |Δz| for numeric; 0 or the gap for category; chord distance / 1,000 km
    distance_km: float | None
    similarity_share: float  # this feature's share of the similarity (sums to 1 over shared)
    distance_share: float  # this feature's share of the remaining distance (sums to 1)
    subject_source: str = ""  # where each side's figure comes from, and its year
    subject_year: int | None = None
    peer_source: str = ""
    peer_year: int | None = None


@dataclass(slots=True)  # not frozen: built 400 times per query, frozen init is slow
class MissingFeature:
    code: str
    label: str
    missing_for: str  # "subject", "peer" or "both"


@dataclass(slots=True)  # not frozen: built 400 times per query, frozen init is slow
class PeerResult:
    row: int
    id: int
    rank: int  # 1-based among ranked peers; 0 for a pinned city outside the ranking
    distance: float  # d², NaN when nothing is shared
    similarity: float  # 0-100 from context alone
    challenge: float  # 0-1 challenge similarity (0 when not used)
    score: float  # 0-100 blend used for ranking
    coverage: float
    pinned: bool
    in_filter: bool
    contributions: tuple[FeatureContribution, ...]
    missing: tuple[MissingFeature, ...]
