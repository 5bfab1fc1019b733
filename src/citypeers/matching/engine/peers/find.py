"""The k best peers of one city: a float32 scan over every city, then an exact float64 re-rank."""

from collections.abc import Sequence

import numpy as np

from citypeers.matching.engine.features import FeatureMatrix
from citypeers.matching.engine.peers.explain import explain_rows
from citypeers.matching.engine.peers.results import PeerResult
from citypeers.matching.engine.peers.terms import (
    blend,
    column_weights,
    context_similarity,
    exact_terms,
)

EPS32 = float(np.finfo(np.float32).eps)
# Beyond this many near-ties the candidates are ranked by a full float64 pass instead.
MAX_CANDIDATES = 4096


def _scan(
    matrix: FeatureMatrix, subject_row: int, w_col: np.ndarray
) -> tuple[np.ndarray, np.ndarray, float, float]:
    """(num, den, total, bound) for every city from two float32 matrix-vector products.

    num = A32 @ v and den = M32 @ vd; `bound` caps the float32 rounding error of num
    (g·Σ|terms| with g = (3c + 2)·eps32, every |z| ≤ zmax), so the caller can widen its candidate
    set until the exact float64 re-rank is guaranteed to see the true top-k.
    """
    c = matrix.Z0.shape[1]
    mq = matrix.M[subject_row]
    zq = matrix.Z0[subject_row]
    wq = w_col * mq
    v = np.empty(3 * c, dtype=np.float32)
    v[:c] = wq * zq * zq
    v[c : 2 * c] = -2.0 * wq * zq
    v[2 * c :] = wq
    vd = wq * matrix.col_share
    num = (matrix.A32 @ v).astype(np.float64)
    den = (matrix.M32 @ vd.astype(np.float32)).astype(np.float64)
    zm = matrix.zmax
    bound = (3 * c + 2) * EPS32 * float((wq * (zq * zq + 2 * np.abs(zq) * zm + zm * zm)).sum())
    return num, den, float(vd.sum()), bound


def theme_coverage_mask(matrix: FeatureMatrix, subject_row: int, weights: np.ndarray) -> np.ndarray:
    """(n,) bool: cities with a value in every weighted theme the subject has a value in."""
    themes: dict[str, list[int]] = {}
    for f, spec in enumerate(matrix.specs):
        if weights[f] > 0 and matrix.present[subject_row, f]:
            themes.setdefault(spec.theme, []).append(f)
    mask = np.ones(matrix.n, dtype=bool)
    for features in themes.values():
        present = matrix.present[:, features[0]]
        for f in features[1:]:
            present = present | matrix.present[:, f]
        mask &= present
    return mask


def find_peers(
    matrix: FeatureMatrix,
    subject_row: int,
    *,
    weights: np.ndarray,
    k: int = 10,
    allowed: np.ndarray | None = None,
    pinned: Sequence[int] = (),
    min_coverage: float = 0.5,
    require_themes: bool = True,
    challenge: np.ndarray | None = None,
    challenge_weight: float = 0.0,
    explain: bool = True,
) -> list[PeerResult]:
    """The k best peers of `subject_row` (rows of `matrix`), best first, plus pinned rows.

    `allowed` is a boolean mask from `filter_mask`; `challenge` an optional (n,) array in [0, 1]
    blended into the score with `challenge_weight` ∈ [0, 1]. A city is ranked when it shares
    at least `min_coverage` of the subject's feature weight and, with `require_themes`, at
    least one weighted feature of every theme the subject has a value in. Pinned rows (at
    most 5) are always returned, flagged, even when a filter or these rules would exclude them.
    """
    if not 0 <= subject_row < matrix.n:
        raise IndexError("subject_row is outside the matrix.")
    if k < 1:
        raise ValueError("k must be at least 1.")
    if not 0 <= challenge_weight <= 1:
        raise ValueError("challenge_weight must be between 0 and 1.")
    weights = np.asarray(weights, dtype=np.float64)
    w_col = column_weights(matrix, weights)
    num, den, total, bound = _scan(matrix, subject_row, w_col)
    if total <= 0:
        raise ValueError("The subject has no value for any weighted feature.")
    valid = (den > 0) & (den >= min_coverage * total * (1 - 1e-6))
    valid[subject_row] = False
    if require_themes:
        valid &= theme_coverage_mask(matrix, subject_row, weights)
    if allowed is not None:
        valid &= allowed
    valid_rows = np.flatnonzero(valid)
    top = _top_rows(
        matrix,
        subject_row,
        weights,
        valid_rows,
        num,
        den,
        total,
        bound,
        k,
        challenge,
        challenge_weight,
    )
    pin_rows = [int(p) for p in dict.fromkeys(pinned) if int(p) != subject_row]
    extra = np.array([p for p in pin_rows if p not in set(top.tolist())], dtype=np.int64)
    rows = np.concatenate([top, extra]).astype(np.int64)
    return _results(
        matrix,
        subject_row,
        rows,
        len(top),
        weights,
        set(pin_rows),
        allowed,
        challenge,
        challenge_weight,
        explain,
    )


def _top_rows(
    matrix: FeatureMatrix,
    subject_row: int,
    weights: np.ndarray,
    valid_rows: np.ndarray,
    num: np.ndarray,
    den: np.ndarray,
    total: float,
    bound: float,
    k: int,
    challenge: np.ndarray | None,
    cw: float,
) -> np.ndarray:
    """The exact top-k rows among `valid_rows`, best first, ties broken by row.

    Ranking key (lower is better): -score. The float32 keys pick candidates: every row that
    could be in the top-k given its error bound. Those are re-keyed in float64 by the direct
    formula, so the result equals a brute-force float64 ranking.
    """
    if len(valid_rows) == 0:
        return np.zeros(0, dtype=np.int64)
    c = matrix.Z0.shape[1]
    chal = None if challenge is None else challenge[valid_rows]
    if len(valid_rows) > k:
        vden = den[valid_rows]
        d2 = np.maximum(num[valid_rows] / vden, 0.0)
        cov = np.minimum(vden / total, 1.0)
        key = -blend(context_similarity(d2, cov), chal, cw)
        # Error bounds: d² from the float32 scan, coverage from the float32 denominator;
        # |∂sim/∂d²| ≤ 50·coverage and |∂sim/∂coverage| ≤ 100.
        tol_d2 = bound / vden + 4 * (c + 2) * EPS32 * (d2 + 1.0)
        tol = (1.0 - cw) * (50.0 * cov * tol_d2 + 100.0 * 4 * (c + 2) * EPS32) + 1e-12
        ceiling = np.partition(key + tol, k - 1)[k - 1]  # the k-th best key is at most this
        keep = key - tol <= ceiling
        candidates = valid_rows[keep] if keep.sum() <= MAX_CANDIDATES else valid_rows
    else:
        candidates = valid_rows
    exact_d2, exact_cov, _d, _s = exact_terms(matrix, subject_row, candidates, weights)
    exact_key = -blend(
        context_similarity(exact_d2, exact_cov),
        None if challenge is None else challenge[candidates],
        cw,
    )
    order = np.lexsort((candidates, exact_key))
    return candidates[order][:k]


def _results(
    matrix: FeatureMatrix,
    subject_row: int,
    rows: np.ndarray,
    n_ranked: int,
    weights: np.ndarray,
    pinned: set[int],
    allowed: np.ndarray | None,
    challenge: np.ndarray | None,
    challenge_weight: float,
    explain: bool,
) -> list[PeerResult]:
    d2, coverage, delta2, shared = exact_terms(matrix, subject_row, rows, weights)
    similarity = context_similarity(d2, coverage)
    chal = np.zeros(len(rows)) if challenge is None else challenge[rows]
    score = blend(similarity, None if challenge is None else chal, challenge_weight)
    explained = (
        explain_rows(matrix, subject_row, rows, weights, delta2, shared) if explain else None
    )
    results = []
    for i, row in enumerate(rows.tolist()):
        contributions, missing = explained[i] if explained else ((), ())
        results.append(
            PeerResult(
                row=row,
                id=int(matrix.ids[row]),
                rank=i + 1 if i < n_ranked else 0,
                distance=float(d2[i]),
                similarity=float(similarity[i]),
                challenge=float(chal[i]),
                score=float(score[i]),
                coverage=float(coverage[i]),
                pinned=row in pinned,
                in_filter=bool(allowed is None or allowed[row]),
                contributions=contributions,
                missing=missing,
            )
        )
    return results
