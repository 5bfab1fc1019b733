"""Top-k context peers: a masked, weighted distance scanned over every city, exactly.

For a subject q and a city i, with feature weights w_f and the features both have (S_qi):

    d²(q, i) = Σ_{f∈S_qi} w_f Δ²_f  /  Σ_{f∈S_qi} w_f           (Gower-style renormalisation)

where Δ²_f is the squared difference of the standardised columns of feature f. `coverage` =
Σ_{S_qi} w_f / Σ_{f the subject has} w_f. The context similarity is

    similarity = 100 · (coverage · exp(-d²/2) + (1 - coverage) · exp(-1))

identical cities score 100, cities one robust standard deviation apart on every feature 61.
Missing values are not imputed; the weight we know nothing about counts at exp(-1), the
expected similarity of two random cities (E[Δz²] = 2), so a city cannot rank first by sharing
few features. Cities below `min_coverage` are not ranked at all.

With `A = [M | Z0 | Z0²]` the numerator and the denominator for all cities come from one
matrix product (see `_scan`); the k+margin best are then recomputed directly, so ties and
rounding are settled by the same formula the brute-force reference uses.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from citypeers.matching.engine.features import FeatureMatrix, chord_km

EPS32 = float(np.finfo(np.float32).eps)
# Beyond this many near-ties the candidates are ranked by a full float64 pass instead.
MAX_CANDIDATES = 4096


@dataclass(frozen=True)
class Filters:
    """Hard filters applied before ranking. `id_sets`: a city must be in each set."""

    same_state: bool | None = None  # True: same state only; False: other states only
    population_min: float | None = None
    population_max: float | None = None  # exclusive
    kinds: frozenset[str] = frozenset()
    id_sets: tuple[frozenset[int], ...] = ()

    @property
    def active(self) -> bool:
        return bool(
            self.same_state is not None
            or self.population_min is not None
            or self.population_max is not None
            or self.kinds
            or self.id_sets
        )


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


def filter_mask(
    matrix: FeatureMatrix, subject_row: int, filters: Filters | None
) -> np.ndarray | None:
    """Boolean (n,) of cities that pass the hard filters, or None when nothing is filtered."""
    if filters is None or not filters.active:
        return None
    attrs = matrix.attrs
    mask = np.ones(matrix.n, dtype=bool)
    if filters.same_state is not None:
        same = attrs.state == attrs.state[subject_row]
        mask &= same if filters.same_state else ~same
    pop = attrs.population
    if filters.population_min is not None:
        mask &= np.nan_to_num(pop, nan=-1.0) >= filters.population_min
    if filters.population_max is not None:
        mask &= np.nan_to_num(pop, nan=np.inf) < filters.population_max
    if filters.kinds:
        mask &= np.isin(attrs.kind, sorted(filters.kinds))
    for ids in filters.id_sets:
        mask &= np.isin(matrix.ids, np.fromiter(ids, dtype=np.int64, count=len(ids)))
    return mask


def _column_weights(matrix: FeatureMatrix, weights: np.ndarray) -> np.ndarray:
    weights = np.asarray(weights, dtype=np.float64)
    if weights.shape != (len(matrix.specs),):
        raise ValueError(f"Expected {len(matrix.specs)} weights, got {weights.shape}.")
    return weights[matrix.col_feature]


def _scan(matrix: FeatureMatrix, subject_row: int, w_col: np.ndarray):
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


def _feature_starts(matrix: FeatureMatrix) -> np.ndarray:
    return np.flatnonzero(np.r_[True, np.diff(matrix.col_feature) != 0])


def exact_terms(matrix: FeatureMatrix, subject_row: int, rows: np.ndarray, weights: np.ndarray):
    """Per-feature terms for some rows, computed directly (no expanded squares).

    Returns (d2, coverage, delta2 (m,f), shared (m,f) bool); d2 is NaN where nothing is shared.
    """
    rows = np.asarray(rows, dtype=np.int64)
    weights = np.asarray(weights, dtype=np.float64)
    starts = _feature_starts(matrix)
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


UNKNOWN = float(np.exp(-1.0))


def context_similarity(d2: np.ndarray, coverage: np.ndarray) -> np.ndarray:
    """0-100; NaN d² (nothing shared) gives 100·exp(-1)·(1 - coverage) = that prior alone."""
    shared = coverage * np.exp(-np.nan_to_num(d2, nan=np.inf) / 2.0)
    return 100.0 * (shared + (1.0 - coverage) * UNKNOWN)


def _blend(similarity: np.ndarray, challenge: np.ndarray | None, weight: float) -> np.ndarray:
    if challenge is None or weight <= 0:
        return similarity
    return (1.0 - weight) * similarity + weight * 100.0 * challenge


def find_peers(
    matrix: FeatureMatrix,
    subject_row: int,
    *,
    weights: np.ndarray,
    k: int = 10,
    allowed: np.ndarray | None = None,
    pinned: Sequence[int] = (),
    min_coverage: float = 0.5,
    challenge: np.ndarray | None = None,
    challenge_weight: float = 0.0,
    explain: bool = True,
) -> list[PeerResult]:
    """The k best peers of `subject_row` (rows of `matrix`), best first, plus pinned rows.

    `allowed` is a boolean mask from `filter_mask`; `challenge` an optional (n,) array in [0, 1]
    blended into the score with `challenge_weight` ∈ [0, 1]. Pinned rows (at most 5) are
    always returned, flagged, even when a filter or the coverage rule would exclude them.
    """
    if not 0 <= subject_row < matrix.n:
        raise IndexError("subject_row is outside the matrix.")
    if k < 1:
        raise ValueError("k must be at least 1.")
    if not 0 <= challenge_weight <= 1:
        raise ValueError("challenge_weight must be between 0 and 1.")
    weights = np.asarray(weights, dtype=np.float64)
    w_col = _column_weights(matrix, weights)
    num, den, total, bound = _scan(matrix, subject_row, w_col)
    if total <= 0:
        raise ValueError("The subject has no value for any weighted feature.")
    valid = (den > 0) & (den >= min_coverage * total * (1 - 1e-6))
    valid[subject_row] = False
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


def _top_rows(matrix, subject_row, weights, valid_rows, num, den, total, bound, k, challenge, cw):
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
        key = -_blend(context_similarity(d2, cov), chal, cw)
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
    exact_key = -_blend(
        context_similarity(exact_d2, exact_cov),
        None if challenge is None else challenge[candidates],
        cw,
    )
    order = np.lexsort((candidates, exact_key))
    return candidates[order][:k]


def _results(
    matrix,
    subject_row,
    rows,
    n_ranked,
    weights,
    pinned,
    allowed,
    challenge,
    challenge_weight,
    explain,
) -> list[PeerResult]:
    d2, coverage, delta2, shared = exact_terms(matrix, subject_row, rows, weights)
    similarity = context_similarity(d2, coverage)
    chal = np.zeros(len(rows)) if challenge is None else challenge[rows]
    score = _blend(similarity, None if challenge is None else chal, challenge_weight)
    explained = _explain(matrix, subject_row, rows, weights, delta2, shared) if explain else None
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


def _display_values(matrix: FeatureMatrix, rows: np.ndarray) -> list[list]:
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
    return out.tolist()


def _explain(matrix, subject_row, rows, weights, delta2, shared):
    """Per row: (contributions sorted by similarity share, missing features)."""
    starts = _feature_starts(matrix)
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
    w_list = weights.tolist()
    active_f = np.flatnonzero(active).tolist()
    out = []
    for i in range(len(rows)):
        contributions, missing = [], []
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
                )
            )
        contributions.sort(key=lambda c: -c.similarity_share)
        out.append((tuple(contributions), tuple(missing)))
    return out


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
    w_col = _column_weights(matrix, weights)
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
    starts = _feature_starts(matrix)
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


def _exact_block(matrix, lo, hi, cand, weights, starts, totals) -> np.ndarray:
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
