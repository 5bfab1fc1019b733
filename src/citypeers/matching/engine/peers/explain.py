"""Per-feature explanations: each feature's share of the similarity, and what is missing."""

import numpy as np

from citypeers.matching.engine.features import FeatureMatrix, chord_km
from citypeers.matching.engine.peers.results import FeatureContribution, MissingFeature
from citypeers.matching.engine.peers.terms import feature_starts


def _display_values(matrix: FeatureMatrix, rows: np.ndarray) -> list[list[float | str | None]]:
    """Raw values as Python objects: floats, category labels, or None."""
    raw = matrix.raw[rows]
    out = np.where(np.isfinite(raw), raw, np.nan).astype(object)
    out[~np.isfinite(raw)] = None
    for f, spec in enumerate(matrix.specs):
        if spec.kind == "location":
            out[:, f] = None
        elif spec.kind == "category":
            labels = matrix.categories[f]
            out[:, f] = [None if v is None else labels[int(v)] for v in out[:, f]]
    values: list[list[float | str | None]] = out.tolist()
    return values


def _provenance(
    matrix: FeatureMatrix, rows: np.ndarray
) -> tuple[dict[str, list[int | None]], dict[str, list[str]]]:
    """Per feature code: the rows' value years (int or None) and sources (spec's by default)."""
    years: dict[str, list[int | None]] = {}
    sources: dict[str, list[str]] = {}
    for spec in matrix.specs:
        if spec.code in matrix.years:
            y = matrix.years[spec.code][rows]
            years[spec.code] = [int(v) if v == v else None for v in y.tolist()]
        if spec.code in matrix.sources:
            sources[spec.code] = [s or spec.source for s in matrix.sources[spec.code][rows]]
    return years, sources


def explain_rows(
    matrix: FeatureMatrix,
    subject_row: int,
    rows: np.ndarray,
    weights: np.ndarray,
    delta2: np.ndarray,
    shared: np.ndarray,
) -> list[tuple[tuple[FeatureContribution, ...], tuple[MissingFeature, ...]]]:
    """Per row: (contributions sorted by similarity share, missing features)."""
    starts = feature_starts(matrix)
    has = np.add.reduceat(matrix.M[rows] * matrix.col_share, starts, axis=1) > 0.5
    subject_has = np.add.reduceat(matrix.M[subject_row] * matrix.col_share, starts) > 0.5
    active = weights > 0
    use = shared & active
    sim = weights * np.exp(-delta2 / 2.0) * use
    dist = weights * delta2 * use
    sim_total = sim.sum(axis=1, keepdims=True)
    dist_total = dist.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        sim_share = np.where(sim_total > 0, sim / sim_total, 0.0).tolist()
        dist_share = np.where(dist_total > 0, dist / dist_total, 0.0).tolist()
    delta = np.sqrt(delta2).tolist()
    peer_values = _display_values(matrix, rows)
    subject_values = _display_values(matrix, np.array([subject_row]))[0]
    location = [f for f, s in enumerate(matrix.specs) if s.kind == "location"]
    km = chord_km(matrix.latlon[rows], matrix.latlon[subject_row]).tolist() if location else []
    specs = matrix.specs
    years, sources = _provenance(matrix, rows)
    subject_years, subject_sources = _provenance(matrix, np.array([subject_row]))
    w_list = weights.tolist()
    active_f = np.flatnonzero(active).tolist()
    out: list[tuple[tuple[FeatureContribution, ...], tuple[MissingFeature, ...]]] = []
    for i in range(len(rows)):
        contributions: list[FeatureContribution] = []
        missing: list[MissingFeature] = []
        use_i = use[i]
        for f in active_f:
            spec = specs[f]
            if not use_i[f]:
                who = "peer" if subject_has[f] else ("subject" if has[i, f] else "both")
                missing.append(MissingFeature(spec.code, spec.label, who))
                continue
            contributions.append(
                FeatureContribution(
                    code=spec.code,
                    label=spec.label,
                    theme=spec.theme,
                    kind=spec.kind,
                    unit=spec.unit,
                    weight=w_list[f],
                    subject_value=subject_values[f],
                    peer_value=peer_values[i][f],
                    delta=delta[i][f],
                    distance_km=km[i] if spec.kind == "location" else None,
                    similarity_share=sim_share[i][f],
                    distance_share=dist_share[i][f],
                    subject_source=subject_sources[spec.code][0]
                    if spec.code in subject_sources
                    else spec.source,
                    subject_year=subject_years[spec.code][0] if spec.code in years else None,
                    peer_source=sources[spec.code][i] if spec.code in sources else spec.source,
                    peer_year=years[spec.code][i] if spec.code in years else None,
                )
            )
        contributions.sort(key=lambda c: -c.similarity_share)
        out.append((tuple(contributions), tuple(missing)))
    return out
