"""A city beside its peer group and the whole directory, feature by feature."""

from dataclasses import dataclass

import numpy as np

from citypeers.matching import cache
from citypeers.matching.engine import FeatureSpec
from citypeers.matching.selectors.peers import PeerSearch


@dataclass(frozen=True)
class ComparisonRow:
    spec: FeatureSpec
    subject: float | None
    peer_median: float | None
    all_median: float | None
    subject_z: float | None
    peer_median_z: float | None
    all_median_z: float | None
    peers_with_value: int


def _median(values: np.ndarray) -> float | None:
    values = values[np.isfinite(values)]
    return float(np.median(values)) if len(values) else None


def comparison_rows(search: PeerSearch) -> list[ComparisonRow]:
    """Per numeric feature: the city, its peer-group median and the all-directory median.

    Values are in the feature's own unit; the *_z values are on the robust standard scale, so
    features with different units fit one chart.
    """
    matrix = cache.current()[0]
    row = matrix.row_of[search.subject.pk]
    peer_rows = [
        matrix.row_of[m.jurisdiction.pk]
        for m in search.matches
        if m.jurisdiction.pk in matrix.row_of
    ]
    out = []
    for f, spec in enumerate(matrix.specs):
        if spec.kind != "numeric":
            continue
        raw, z = matrix.raw[:, f], matrix.zf[:, f]
        out.append(
            ComparisonRow(
                spec=spec,
                subject=None if not np.isfinite(raw[row]) else float(raw[row]),
                peer_median=_median(raw[peer_rows]),
                all_median=_median(raw),
                subject_z=None if not np.isfinite(z[row]) else float(z[row]),
                peer_median_z=_median(z[peer_rows]),
                all_median_z=_median(z),
                peers_with_value=int(np.isfinite(raw[peer_rows]).sum()),
            )
        )
    return out
