"""A city beside each of its peers, its peer group and the whole directory, feature by feature."""

from dataclasses import dataclass

import numpy as np

from citypeers.matching import cache
from citypeers.matching.engine import FeatureSpec, chord_km
from citypeers.matching.selectors.peers import PeerSearch


@dataclass(frozen=True)
class ComparisonRow:
    """One feature: numbers for numeric features, labels for a category, km for location."""

    spec: FeatureSpec
    subject: float | str | None
    peers: tuple[float | str | None, ...]  # one per listed peer, in the search's order
    peer_median: float | None
    all_median: float | None
    subject_z: float | None
    peer_median_z: float | None
    all_median_z: float | None
    peers_with_value: int
    source: str
    year: int | None  # the subject's figure's year, when known


def _median(values: np.ndarray) -> float | None:
    values = values[np.isfinite(values)]
    return float(np.median(values)) if len(values) else None


def _value(x: float) -> float | None:
    return float(x) if np.isfinite(x) else None


def _provenance(matrix, f: int, row: int) -> tuple[str, int | None]:
    spec = matrix.specs[f]
    source = spec.source
    if spec.code in matrix.sources and matrix.sources[spec.code][row]:
        source = str(matrix.sources[spec.code][row])
    year = None
    if spec.code in matrix.years and np.isfinite(matrix.years[spec.code][row]):
        year = int(matrix.years[spec.code][row])
    return source, year


def _category_row(matrix, f, spec, row, peer_rows, source, year) -> ComparisonRow:
    labels = matrix.categories[f]

    def label(r):
        value = matrix.raw[r, f]
        return labels[int(value)] if np.isfinite(value) else None

    peers = tuple(label(r) for r in peer_rows)
    return ComparisonRow(
        spec, label(row), peers, None, None, None, None, None,
        sum(p is not None for p in peers), source, year,
    )  # fmt: skip


def _location_row(matrix, spec, row, peer_rows, source) -> ComparisonRow:
    km = chord_km(matrix.latlon[peer_rows], matrix.latlon[row]) if peer_rows else np.zeros(0)
    peers = tuple(_value(v) for v in km)
    return ComparisonRow(
        spec, None, peers, _median(km), None, None, None, None,
        sum(p is not None for p in peers), source, None,
    )  # fmt: skip


def comparison_rows(search: PeerSearch) -> list[ComparisonRow]:
    """Per feature: the city, each listed peer, the peer-group and all-directory medians.

    Numeric values are in the feature's own unit and the *_z values on the robust standard
    scale (so features with different units fit one chart); a category shows each city's
    label; location shows each peer's distance from the city in km.
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
        source, year = _provenance(matrix, f, row)
        if spec.kind == "category":
            out.append(_category_row(matrix, f, spec, row, peer_rows, source, year))
            continue
        if spec.kind == "location":
            out.append(_location_row(matrix, spec, row, peer_rows, source))
            continue
        raw, z = matrix.raw[:, f], matrix.zf[:, f]
        out.append(
            ComparisonRow(
                spec=spec,
                subject=_value(raw[row]),
                peers=tuple(_value(raw[r]) for r in peer_rows),
                peer_median=_median(raw[peer_rows]),
                all_median=_median(raw),
                subject_z=_value(z[row]),
                peer_median_z=_median(z[peer_rows]),
                all_median_z=_median(z),
                peers_with_value=int(np.isfinite(raw[peer_rows]).sum()),
                source=source,
                year=year,
            )
        )
    return out
