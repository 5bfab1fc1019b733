"""The direct per-feature distance terms and the context similarity built from them.

Shared by the one-city finder (`find.py`), its explanations and the all-pairs pass.
"""

import numpy as np

from citypeers.matching.engine.features import FeatureMatrix

UNKNOWN = float(np.exp(-1.0))


def column_weights(matrix: FeatureMatrix, weights: np.ndarray) -> np.ndarray:
    weights = np.asarray(weights, dtype=np.float64)
    if weights.shape != (len(matrix.specs),):
        raise ValueError(f"Expected {len(matrix.specs)} weights, got {weights.shape}.")
    columns: np.ndarray = weights[matrix.col_feature]
    return columns


def feature_starts(matrix: FeatureMatrix) -> np.ndarray:
    return np.flatnonzero(np.r_[True, np.diff(matrix.col_feature) != 0])


def exact_terms(
    matrix: FeatureMatrix, subject_row: int, rows: np.ndarray, weights: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per-feature terms for some rows, computed directly (no expanded squares).

    Returns (d2, coverage, delta2 (m,f), shared (m,f) bool); d2 is NaN where nothing is shared.
    """
    rows = np.asarray(rows, dtype=np.int64)
    weights = np.asarray(weights, dtype=np.float64)
    starts = feature_starts(matrix)
    both = matrix.M[rows] * matrix.M[subject_row]
    diff2 = (matrix.Z0[rows] - matrix.Z0[subject_row]) ** 2 * both
    delta2 = np.add.reduceat(diff2, starts, axis=1)
    share = np.add.reduceat(both * matrix.col_share, starts, axis=1)
    shared = share > 0.5
    subject_has = np.add.reduceat(matrix.M[subject_row] * matrix.col_share, starts) > 0.5
    den = (shared * weights).sum(axis=1)
    num = (delta2 * shared * weights).sum(axis=1)
    total = float((subject_has * weights).sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        d2 = np.where(den > 0, num / den, np.nan)
    coverage = den / total if total > 0 else np.zeros(len(rows))
    return d2, coverage, delta2, shared


def context_similarity(d2: np.ndarray, coverage: np.ndarray) -> np.ndarray:
    """0-100; NaN d² (nothing shared) gives 100·exp(-1)·(1 - coverage) = that prior alone."""
    shared = coverage * np.exp(-np.nan_to_num(d2, nan=np.inf) / 2.0)
    similarity: np.ndarray = 100.0 * (shared + (1.0 - coverage) * UNKNOWN)
    return similarity


def blend(similarity: np.ndarray, challenge: np.ndarray | None, weight: float) -> np.ndarray:
    if challenge is None or weight <= 0:
        return similarity
    return (1.0 - weight) * similarity + weight * 100.0 * challenge
