"""A brute-force reference for the peer engine, written independently of its kernel."""

import math

import numpy as np


def similarity(d2, coverage):
    return 100.0 * (coverage * math.exp(-d2 / 2.0) + (1.0 - coverage) * math.exp(-1.0))


def brute_force_topk(
    matrix, subject_row, weights, k, *, min_coverage=0.5, allowed=None, require_themes=True
):
    """(rows, similarity) of the k best by the Gower-style masked distance, one city at a time."""
    feature_cols = [np.flatnonzero(matrix.col_feature == f) for f in range(len(matrix.specs))]

    def present(row, f):
        return bool(matrix.M[row, feature_cols[f]].all())

    total = sum(weights[f] for f in range(len(weights)) if present(subject_row, f))
    themes = {
        spec.theme
        for f, spec in enumerate(matrix.specs)
        if weights[f] > 0 and present(subject_row, f)
    }

    def covers_themes(row):
        shared = {
            spec.theme
            for f, spec in enumerate(matrix.specs)
            if weights[f] > 0 and present(row, f) and present(subject_row, f)
        }
        return not require_themes or themes <= shared

    found = []
    for row in range(matrix.n):
        if row == subject_row or (allowed is not None and not allowed[row]):
            continue
        if not covers_themes(row):
            continue
        num = den = 0.0
        for f, cols in enumerate(feature_cols):
            if weights[f] > 0 and present(row, f) and present(subject_row, f):
                delta2 = sum((matrix.Z0[row, c] - matrix.Z0[subject_row, c]) ** 2 for c in cols)
                num += weights[f] * delta2
                den += weights[f]
        if den > 0 and den >= min_coverage * total * (1 - 1e-6):
            found.append((-similarity(num / den, den / total), row))
    found.sort()
    return [r for _s, r in found[:k]], [-s for s, _r in found[:k]]


def assert_same_ranking(got_rows, got_d2, ref_rows, ref_d2, *, tol=1e-9):
    """Same scores in the same order; the same rows except among near-ties."""
    assert len(got_rows) == len(ref_rows)
    assert np.allclose(got_d2, ref_d2, rtol=tol, atol=tol)
    for i, (g, r) in enumerate(zip(got_rows, ref_rows, strict=True)):
        if g == r:
            continue
        near = [
            j for j, d in enumerate(ref_d2) if math.isclose(d, ref_d2[i], rel_tol=tol, abs_tol=tol)
        ]
        tied_rows = {ref_rows[j] for j in near}
        # A tie at the k-th place can be settled either way by rounding: accept a tied row.
        assert g in tied_rows or math.isclose(got_d2[i], ref_d2[-1], rel_tol=tol, abs_tol=tol)


def brute_force_numpy(matrix, subject_row, weights, k, *, min_coverage=0.5):
    """The same reference, vectorised over cities (direct differences, float64, no pruning)."""
    weights = np.asarray(weights, dtype=np.float64)
    starts = np.flatnonzero(np.r_[True, np.diff(matrix.col_feature) != 0])
    has = np.add.reduceat(matrix.M * matrix.col_share, starts, axis=1) > 0.5
    shared = has & has[subject_row] & (weights > 0)
    diff2 = (matrix.Z0 - matrix.Z0[subject_row]) ** 2
    delta2 = np.add.reduceat(diff2, starts, axis=1)
    den = (shared * weights).sum(axis=1)
    num = (np.where(shared, delta2, 0.0) * weights).sum(axis=1)
    total = (has[subject_row] * weights).sum()
    ok = (den > 0) & (den >= min_coverage * total * (1 - 1e-6))
    ok[subject_row] = False
    d2 = num / np.where(den > 0, den, 1.0)
    cov = den / total if total > 0 else np.zeros(matrix.n)
    sim = np.where(ok, 100.0 * (cov * np.exp(-d2 / 2.0) + (1.0 - cov) * np.exp(-1.0)), -np.inf)
    order = np.lexsort((np.arange(matrix.n), -sim))[:k]
    order = order[np.isfinite(sim[order])]
    return order.tolist(), sim[order].tolist()
