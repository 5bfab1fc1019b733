"""Every city's k best peers at once, in blocks, by the same ranking as `find_peers`."""

import numpy as np

from citypeers.matching.engine.features import FeatureMatrix
from citypeers.matching.engine.peers.terms import UNKNOWN, column_weights, feature_starts


def all_pairs_topk(
    matrix: FeatureMatrix,
    weights: np.ndarray,
    *,
    k: int = 10,
    min_coverage: float = 0.5,
    block: int = 1024,
) -> tuple[np.ndarray, np.ndarray]:
    """Every city's k best peers by context similarity: (rows, similarity 0-100).

    Blocked so memory stays at block x n. Columns no city misses take the plain ‖a-b‖² path;
    only columns with gaps pay for the mask terms. Rows with fewer than k rankable peers are
    padded with -1 / NaN. Same ranking as `find_peers` without challenge similarity.
    """
    weights = np.asarray(weights, dtype=np.float64)
    w_col = column_weights(matrix, weights)
    n = matrix.n
    keep = w_col > 0
    complete = matrix.complete_cols & keep
    partial = ~matrix.complete_cols & keep
    Zc = matrix.Z0[:, complete] * np.sqrt(w_col[complete])
    norms = (Zc * Zc).sum(axis=1)
    den_complete = float((w_col[complete] * matrix.col_share[complete]).sum())
    Mp, Zp = matrix.M[:, partial], matrix.Z0[:, partial]
    wp, wdp = w_col[partial], w_col[partial] * matrix.col_share[partial]
    R = np.ascontiguousarray(np.hstack([Zc, Mp, Zp, Zp * Zp]))
    MpT = np.ascontiguousarray(Mp.T)
    starts = feature_starts(matrix)
    subject_has = np.add.reduceat(matrix.M * matrix.col_share, starts, axis=1) > 0.5
    totals = (subject_has * weights).sum(axis=1)
    out_rows = np.full((n, k), -1, dtype=np.int64)
    out_sim = np.full((n, k), np.nan)
    m = min(k + 4, n - 1)
    for lo in range(0, n, block):
        hi = min(lo + block, n)
        L = np.hstack(
            [-2.0 * Zc[lo:hi], Zp[lo:hi] ** 2 * wp, -2.0 * Zp[lo:hi] * wp, Mp[lo:hi] * wp]
        )
        num = L @ R.T
        num += norms[lo:hi, None]
        num += norms[None, :]
        den = (
            (Mp[lo:hi] * wdp) @ MpT + den_complete if Mp.shape[1] else np.full((1, n), den_complete)
        )
        total = totals[lo:hi, None]
        with np.errstate(invalid="ignore", divide="ignore"):
            d2 = np.maximum(num / den, 0.0)
            cov = den / total
        key = -(cov * np.exp(-0.5 * d2) + (1.0 - cov) * UNKNOWN)  # -similarity/100
        ok = (den > 0) & (den >= min_coverage * total * (1 - 1e-6))
        key[~ok] = np.inf
        key[np.arange(hi - lo), np.arange(lo, hi)] = np.inf
        if m <= 0:
            continue
        cand = np.argpartition(key, m - 1, axis=1)[:, :m]
        # Settle the order of the candidates with the direct formula.
        exact = _exact_block(matrix, lo, hi, cand, weights, starts, totals[lo:hi])
        exact[~np.isfinite(np.take_along_axis(key, cand, axis=1))] = np.inf
        order = np.lexsort((cand, exact), axis=1)
        ranked = np.take_along_axis(cand, order, axis=1)[:, :k]
        ranked_key = np.take_along_axis(exact, order, axis=1)[:, :k]
        finite = np.isfinite(ranked_key)
        ranked[~finite] = -1
        out_rows[lo:hi, : ranked.shape[1]] = ranked
        out_sim[lo:hi, : ranked.shape[1]] = np.where(finite, -100.0 * ranked_key, np.nan)
    return out_rows, out_sim


def _exact_block(
    matrix: FeatureMatrix,
    lo: int,
    hi: int,
    cand: np.ndarray,
    weights: np.ndarray,
    starts: np.ndarray,
    totals: np.ndarray,
) -> np.ndarray:
    """-similarity/100 of rows lo..hi against their candidates, by the direct formula."""
    both = matrix.M[cand] * matrix.M[lo:hi][:, None, :]
    diff2 = (matrix.Z0[cand] - matrix.Z0[lo:hi][:, None, :]) ** 2 * both
    delta2 = np.add.reduceat(diff2, starts, axis=2)
    shared = np.add.reduceat(both * matrix.col_share, starts, axis=2) > 0.5
    den = (shared * weights).sum(axis=2)
    num = (delta2 * shared * weights).sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = den / totals[:, None]
        key = -(cov * np.exp(-0.5 * np.where(den > 0, num / den, np.inf)) + (1.0 - cov) * UNKNOWN)
        return np.where(den > 0, key, np.inf)
