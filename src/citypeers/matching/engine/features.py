"""Context features: robust standardisation into one matrix the peer kernel can scan.

Everything here is plain numpy. A feature is one of
- `numeric`: a number per city (population, an imported indicator). Skewed ones are
  log-transformed, heavy-tailed ones that cannot be logged (a growth rate with negative values)
  are bent with asinh, then centred on the median and divided by the IQR/1.349 (the
  normal-consistent spread), then clipped at ±CLIP so one extreme city cannot dominate a
  distance. `scaling="standard"` (mean and SD, no clip) exists for comparing with a textbook
  z-score reference.
- `category`: a label (government type). Stored one-hot, scaled so that two different labels
  differ by exactly CATEGORY_GAP standard units and equal labels by 0.
- `location`: latitude/longitude. Stored as a 3-D unit vector scaled so that the straight-line
  (chord) distance between two cities is measured in units of LOCATION_UNIT_KM.

A missing value is never invented: it is NaN in `raw` and 0 in the mask `M`, and the distance
is taken over the features both cities have (see `peers.py`).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, cast

import numpy as np

# Wide enough that the largest cities keep their order after a log transform (New York is
# about +6.6 on log population); it only stops a wild outlier in an untransformed feature.
CLIP = 8.0
CATEGORY_GAP = 1.0
LOCATION_UNIT_KM = 1000.0
EARTH_RADIUS_KM = 6371.0088
# A log transform is applied when it makes a non-negative feature markedly less skewed.
SKEW_FOR_LOG = 1.0
# A feature (after its log, if any) is bent with asinh once a city lies this many robust
# standard deviations out: left alone it would reach the clip (a growth rate with negative
# values reached a robust z of 65) and one feature would outweigh all others for that city.
HEAVY_TAIL = 6.0

Kind = Literal["numeric", "category", "location"]
Transform = Literal["none", "log", "asinh", "log+asinh", "auto"]
Scale = Literal["robust", "standard"]


@dataclass(frozen=True)
class FeatureSpec:
    """What one context feature is and how it enters the distance."""

    code: str
    label: str
    theme: str = "other"
    kind: Kind = "numeric"
    transform: Transform = "auto"
    unit: str = ""
    default_weight: float = 1.0
    source: str = ""
    scaling: Scale = "robust"  # "standard": (x - mean) / SD without clipping (reference only)


@dataclass(frozen=True)
class Scaling:
    """How a numeric feature was standardised: z = clip((t(x) - center) / scale).

    t is the identity or log(x + offset), then for "asinh" bent: asinh((t - pre_center) /
    pre_scale), which keeps the order and the middle but pulls in the far tails.
    """

    transform: Literal["none", "log", "asinh", "log+asinh", ""]
    offset: float  # log(x + offset); scales with x so rescaling x changes nothing
    center: float
    scale: float
    pre_center: float = 0.0
    pre_scale: float = 1.0


@dataclass(frozen=True)
class CityAttributes:
    """Per-row facts used by hard filters (not by the distance)."""

    state: np.ndarray  # (n,) str
    population: np.ndarray  # (n,) float, NaN when unknown
    kind: np.ndarray  # (n,) str, "" when unknown
    level: np.ndarray | None = None  # (n,) str: "place", "county_subdivision", "county"


@dataclass(frozen=True)
class FeatureMatrix:
    """The standardised features of every city, ready for the kernel.

    `A32 = [M | Z0 | Z0²]` (n x 3c, float32) lets one matrix-vector product give the numerator
    and `M32 @ v` the denominator of the masked distance for a query (float32 halves the memory
    the scan reads; the best candidates are then recomputed in float64, see `peers.py`).
    `col_feature` maps the c columns back to the f features, `col_share` is 1/(columns of that
    feature) so that a feature with several columns counts once in the weight sum.
    """

    ids: np.ndarray  # (n,) int64
    specs: tuple[FeatureSpec, ...]
    raw: np.ndarray  # (n, f) raw numeric value; category index; NaN for location / missing
    zf: np.ndarray  # (n, f) standardised numeric value (NaN elsewhere): for charts
    latlon: np.ndarray  # (n, 2) degrees, NaN when unknown
    Z0: np.ndarray  # (n, c) standardised columns, 0 where missing
    M: np.ndarray  # (n, c) 1.0 where present
    A32: np.ndarray  # (n, 3c) float32
    M32: np.ndarray  # (n, c) float32
    zmax: float  # largest |Z0|: bounds the float32 rounding error
    col_feature: np.ndarray  # (c,) int
    col_share: np.ndarray  # (c,) float
    complete_cols: np.ndarray  # (c,) bool: no row misses this column
    scalings: tuple[Scaling | None, ...]
    categories: tuple[tuple[str, ...], ...]  # labels per feature (empty unless category)
    attrs: CityAttributes
    present: np.ndarray  # (n, f) bool: the city has a value for the feature
    row_of: dict[int, int] = field(repr=False, default_factory=dict)  # id → row
    # Optional per-city provenance of a feature's values, for explanations: code → (n,) array.
    # years: float year, NaN unknown; sources: str, "" for the spec's source.
    years: dict[str, np.ndarray] = field(repr=False, default_factory=dict)
    sources: dict[str, np.ndarray] = field(repr=False, default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.specs)

    def feature_index(self, code: str) -> int:
        return self.codes.index(code)


def skewness(x: np.ndarray) -> float:
    x = x[np.isfinite(x)]
    if len(x) < 3:
        return 0.0
    sd = x.std()
    if sd == 0:
        return 0.0
    return float(np.mean(((x - x.mean()) / sd) ** 3))


def _robust_spread(t: np.ndarray, center: float) -> float:
    """IQR/1.349, falling back to the SD, then to 1, for (nearly) constant data."""
    q75, q25 = np.percentile(t, [75, 25])
    scale = float((q75 - q25) / 1.349)
    if not scale > 1e-12 * max(1.0, abs(center)):
        scale = float(t.std())
    if not scale > 1e-12 * max(1.0, abs(center)):
        scale = 1.0
    return scale


def _reach(t: np.ndarray) -> float:
    """How many robust standard deviations the farthest value lies from the median."""
    center = float(np.median(t))
    return float(np.abs(t - center).max()) / _robust_spread(t, center)


def choose_transform(x: np.ndarray) -> Literal["none", "log", "asinh", "log+asinh"]:
    """`log` for non-negative, right-skewed features (population, income, home value); then
    `asinh` on top when a value still lies beyond HEAVY_TAIL robust SDs (a growth rate with
    negative values, a rate with a few extreme places); else `none`."""
    finite = x[np.isfinite(x)]
    if len(finite) < 3:
        return "none"
    base: Literal["none", "log"] = "none"
    t = finite
    if finite.min() >= 0:
        raw_skew = skewness(finite)
        if raw_skew > SKEW_FOR_LOG:
            logged = np.log(finite + _log_offset(finite))
            if abs(skewness(logged)) < raw_skew:
                base, t = "log", logged
    if _reach(t) > HEAVY_TAIL:
        return "log+asinh" if base == "log" else "asinh"
    return base


def _log_offset(finite: np.ndarray) -> float:
    """0 for strictly positive data, else 1 % of the median positive value.

    The offset is proportional to the data, so log(a·x + a·offset) = log a + log(x + offset):
    multiplying a feature by a constant leaves the standardised values unchanged.
    """
    if len(finite) == 0 or finite.min() > 0:
        return 0.0
    positive = finite[finite > 0]
    return float(np.median(positive) * 0.01) if len(positive) else 1.0


def standardise(
    x: np.ndarray, transform: Transform = "auto", scaling: Scale = "robust"
) -> tuple[np.ndarray, Scaling]:
    """Robust z-scores (NaN stays NaN): median/IQR, falling back to the SD, then to 1.

    `scaling="standard"`: plain (x - mean) / SD of the transformed values, not clipped.
    """
    x = np.asarray(x, dtype=np.float64)
    finite = x[np.isfinite(x)]
    chosen = choose_transform(x) if transform == "auto" else transform
    offset, pre_center, pre_scale = 0.0, 0.0, 1.0
    t = x.copy()
    if chosen in ("log", "log+asinh"):
        offset = _log_offset(finite)
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.log(x + offset)
        t[~np.isfinite(t)] = np.nan  # negative input to a forced log is treated as missing
    tf = t[np.isfinite(t)]
    if chosen in ("asinh", "log+asinh") and len(tf):
        # Standardised first, so rescaling or shifting the feature leaves every z unchanged.
        pre_center = float(np.median(tf))
        pre_scale = _robust_spread(tf, pre_center)
        t = np.arcsinh((t - pre_center) / pre_scale)
    tf = t[np.isfinite(t)]
    if len(tf) == 0:
        return np.full_like(x, np.nan), Scaling(chosen, offset, 0.0, 1.0, pre_center, pre_scale)
    if scaling == "standard":
        center = float(tf.mean())
        scale = float(tf.std()) or 1.0
        z = (t - center) / scale
    else:
        center = float(np.median(tf))
        scale = _robust_spread(tf, center)
        z = np.clip((t - center) / scale, -CLIP, CLIP)
    return z, Scaling(chosen, offset, center, scale, pre_center, pre_scale)


def unit_vectors(latlon: np.ndarray) -> np.ndarray:
    lat = np.radians(latlon[:, 0])
    lon = np.radians(latlon[:, 1])
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


def chord_km(latlon_a: np.ndarray, latlon_b: np.ndarray) -> np.ndarray:
    """Straight-line distance through the earth in km (within 1 % of great-circle to 1,600 km)."""
    d = unit_vectors(np.atleast_2d(latlon_a)) - unit_vectors(np.atleast_2d(latlon_b))
    km: np.ndarray = np.sqrt((d**2).sum(axis=1)) * EARTH_RADIUS_KM
    return km


def build_feature_matrix(
    ids: Sequence[int] | np.ndarray,
    specs: Sequence[FeatureSpec],
    values: Mapping[str, np.ndarray],
    *,
    attrs: CityAttributes | None = None,
    years: Mapping[str, np.ndarray] | None = None,
    sources: Mapping[str, np.ndarray] | None = None,
) -> FeatureMatrix:
    """Standardise every feature and lay the columns out for the kernel.

    `values[code]` is, per kind: numeric → float array (NaN missing); category → array of str
    ("" or None missing); location → (n, 2) lat/lon array (NaN missing). `years` and
    `sources` optionally give, per feature code, each city's value year and source.
    """
    ids = np.asarray(ids, dtype=np.int64)
    n = len(ids)
    raw = np.full((n, len(specs)), np.nan)
    zf = np.full((n, len(specs)), np.nan)
    latlon = np.full((n, 2), np.nan)
    cols, masks, col_feature, col_share, categories = [], [], [], [], []
    scalings: list[Scaling | None] = []
    for f, spec in enumerate(specs):
        data = values[spec.code]
        if spec.kind == "numeric":
            x = np.asarray(data, dtype=np.float64).reshape(n)
            z, scaling = standardise(x, spec.transform, spec.scaling)
            raw[:, f] = x
            zf[:, f] = z
            block = z[:, None]
            scalings.append(scaling)
            categories.append(())
        elif spec.kind == "category":
            labels = np.array(["" if v is None else str(v) for v in data], dtype=object)
            known = sorted({v for v in labels if v})
            index = {v: i for i, v in enumerate(known)}
            codes = np.array([index.get(v, -1) for v in labels], dtype=np.int64)
            raw[:, f] = np.where(codes >= 0, codes, np.nan)
            block = np.full((n, max(len(known), 1)), np.nan)
            if known:
                # Two different labels differ by CATEGORY_GAP: each one-hot column holds gap/√2.
                block[codes >= 0] = 0.0
                present = np.flatnonzero(codes >= 0)
                block[present, codes[present]] = CATEGORY_GAP / np.sqrt(2.0)
            scalings.append(None)
            categories.append(tuple(known))
        elif spec.kind == "location":
            ll = np.asarray(data, dtype=np.float64).reshape(n, 2)
            ok = np.isfinite(ll).all(axis=1)
            latlon[ok] = ll[ok]
            block = np.full((n, 3), np.nan)
            block[ok] = unit_vectors(ll[ok]) * (EARTH_RADIUS_KM / LOCATION_UNIT_KM)
            scalings.append(None)
            categories.append(())
        else:
            raise ValueError(f"Unknown feature kind {spec.kind!r} for {spec.code}.")
        width = block.shape[1]
        cols.append(np.nan_to_num(block, nan=0.0))
        masks.append(np.isfinite(block).astype(np.float64))
        col_feature += [f] * width
        col_share += [1.0 / width] * width
    if cols:
        Z0 = np.ascontiguousarray(np.hstack(cols))
        M = np.ascontiguousarray(np.hstack(masks))
    else:
        Z0 = np.zeros((n, 0))
        M = np.zeros((n, 0))
    A32 = np.ascontiguousarray(np.hstack([M, Z0, Z0 * Z0]), dtype=np.float32)
    col_feature_arr = np.asarray(col_feature, dtype=np.int64)
    present = np.zeros((n, len(specs)), dtype=bool)
    for f in range(len(specs)):
        # A feature is present when all its columns are (one-hot and location blocks).
        present[:, f] = M[:, col_feature_arr == f].all(axis=1) if n else False
    if attrs is None:
        attrs = CityAttributes(
            state=np.full(n, "", dtype=object),
            population=np.full(n, np.nan),
            kind=np.full(n, "", dtype=object),
        )
    return FeatureMatrix(
        ids=ids,
        specs=tuple(specs),
        raw=raw,
        zf=zf,
        latlon=latlon,
        Z0=Z0,
        M=M,
        A32=A32,
        M32=np.ascontiguousarray(M, dtype=np.float32),
        zmax=float(np.abs(Z0).max()) if Z0.size else 0.0,
        col_feature=col_feature_arr,
        col_share=np.asarray(col_share, dtype=np.float64),
        # numpy types a reduction as a scalar-or-array; over axis 0 of a 2-D array it is an array.
        complete_cols=cast(np.ndarray, M.all(axis=0)) if n else np.ones(M.shape[1], dtype=bool),
        scalings=tuple(scalings),
        categories=tuple(categories),
        attrs=attrs,
        present=present,
        row_of={int(i): r for r, i in enumerate(ids)},
        years=dict(years or {}),
        sources=dict(sources or {}),
    )


def resolve_weights(
    specs: Sequence[FeatureSpec],
    feature_weights: Mapping[str, float] | None = None,
    theme_weights: Mapping[str, float] | None = None,
) -> np.ndarray:
    """One weight per feature: (explicit feature weight or its default) x its theme's weight.

    Raises ValueError for unknown names, negative or non-finite weights, or all-zero weights.
    """
    feature_weights = dict(feature_weights or {})
    theme_weights = dict(theme_weights or {})
    codes = {s.code for s in specs}
    themes = {s.theme for s in specs}
    unknown = sorted(set(feature_weights) - codes)
    if unknown:
        raise ValueError(
            f"Unknown feature(s): {', '.join(unknown)}. Known: {', '.join(sorted(codes))}."
        )
    unknown = sorted(set(theme_weights) - themes)
    if unknown:
        raise ValueError(
            f"Unknown theme(s): {', '.join(unknown)}. Known: {', '.join(sorted(themes))}."
        )
    for name, value in [*feature_weights.items(), *theme_weights.items()]:
        if not np.isfinite(value) or value < 0:
            raise ValueError(f"Weight for {name} must be a number ≥ 0.")
    w = np.array(
        [
            feature_weights.get(s.code, s.default_weight) * theme_weights.get(s.theme, 1.0)
            for s in specs
        ],
        dtype=np.float64,
    )
    if len(w) and not (w > 0).any():
        raise ValueError("At least one feature needs a weight above 0.")
    return w
