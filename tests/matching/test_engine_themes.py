"""Themes, the theme coverage rule, heavy tails and geography levels in the pure engine."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citypeers.matching.engine import (
    CityAttributes,
    FeatureSpec,
    Filters,
    build_feature_matrix,
    filter_mask,
    find_peers,
    resolve_weights,
    standardise,
)
from citypeers.matching.engine.features import CLIP, choose_transform
from tests.matching.helpers import assert_same_ranking, brute_force_topk

pytestmark = pytest.mark.unit

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
THEMES = ["size", "density", "economy", "people", "housing", "place"]


@st.composite
def themed(draw, min_rows=4, max_rows=40):
    n = draw(st.integers(min_rows, max_rows))
    f = draw(st.integers(2, 6))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    x = rng.normal(size=(n, f))
    x[rng.random((n, f)) < draw(st.sampled_from([0.1, 0.3, 0.5]))] = np.nan
    themes = [draw(st.sampled_from(THEMES[:3])) for _ in range(f)]
    specs = [FeatureSpec(f"f{j}", f"F{j}", theme=t) for j, t in enumerate(themes)]
    matrix = build_feature_matrix(np.arange(n) + 1, specs, {f"f{j}": x[:, j] for j in range(f)})
    weights = rng.choice([0.0, 0.5, 1.0], size=f)
    weights[0] = 1.0
    return matrix, weights


@FAST
@given(themed(), st.integers(1, 10), st.data())
def test_find_peers_with_themes_matches_brute_force(data, k, pick):
    matrix, weights = data
    subject = pick.draw(st.integers(0, matrix.n - 1))
    try:
        results = find_peers(matrix, subject, weights=weights, k=k, explain=False)
    except ValueError:
        return
    ref_rows, ref_sim = brute_force_topk(matrix, subject, weights, k)
    assert_same_ranking(
        [r.row for r in results], [r.similarity for r in results], ref_rows, ref_sim
    )


@FAST
@given(themed(), st.data())
def test_every_ranked_peer_shares_a_feature_in_each_theme_the_subject_has(data, pick):
    matrix, weights = data
    subject = pick.draw(st.integers(0, matrix.n - 1))
    try:
        results = find_peers(matrix, subject, weights=weights, k=10, explain=False)
    except ValueError:
        return
    wanted = {
        s.theme for f, s in enumerate(matrix.specs) if weights[f] > 0 and matrix.present[subject, f]
    }
    for r in results:
        shared = {
            s.theme
            for f, s in enumerate(matrix.specs)
            if weights[f] > 0 and matrix.present[r.row, f] and matrix.present[subject, f]
        }
        assert wanted <= shared


def _acs_like():
    # Subject 0 and four cities: 1 lacks every economy figure, the others have all themes.
    specs = [
        FeatureSpec("population", "Population", theme="size", transform="log"),
        FeatureSpec("income", "Median household income", theme="economy"),
        FeatureSpec("age", "Median age", theme="people"),
    ]
    values = {
        "population": np.array([100_000, 100_000, 150_000, 60_000, 300_000], dtype=float),
        "income": np.array([60_000, np.nan, 90_000, 62_000, 59_000]),
        "age": np.array([35, 35, 36, 50, 34], dtype=float),
    }
    return build_feature_matrix(np.arange(5) + 1, specs, values)


def test_a_city_with_none_of_a_theme_does_not_fill_the_ranking():
    matrix = _acs_like()
    weights = resolve_weights(matrix.specs)

    ranked = find_peers(matrix, 0, weights=weights, k=4, explain=False)
    loose = find_peers(matrix, 0, weights=weights, k=4, explain=False, require_themes=False)

    assert [r.id for r in ranked] == [5, 3, 4]
    assert next(r.id for r in loose) == 2  # identical size and age, income unknown


def test_each_theme_weight_changes_the_ranking():
    matrix = _acs_like()
    base = [r.id for r in find_peers(matrix, 0, weights=resolve_weights(matrix.specs), k=3)]

    changed = {}
    for theme, weight in (("size", 10.0), ("economy", 10.0), ("people", 0.0)):
        weights = resolve_weights(matrix.specs, theme_weights={theme: weight})
        changed[theme] = [r.id for r in find_peers(matrix, 0, weights=weights, k=3)]

    assert base == [5, 3, 4]
    assert changed == {"size": [3, 4, 5], "economy": [5, 4, 3], "people": [4, 5, 3]}


def test_the_place_theme_weight_moves_cities_of_another_government_type():
    specs = [
        FeatureSpec("population", "Population", theme="size", transform="log"),
        FeatureSpec("government_type", "Government type", theme="place", kind="category"),
    ]
    values = {
        "population": np.array([100_000, 101_000, 103_000, 200_000], dtype=float),
        "government_type": np.array(["city", "town", "city", "city"], dtype=object),
    }
    matrix = build_feature_matrix(np.arange(4) + 1, specs, values)

    def ranking(place):
        weights = resolve_weights(matrix.specs, theme_weights={"place": place})
        return [r.id for r in find_peers(matrix, 0, weights=weights, k=3)]

    assert (ranking(0.0), ranking(1.0)) == ([2, 3, 4], [3, 2, 4])


def test_a_heavy_tailed_signed_feature_is_bent_not_left_to_dominate():
    rng = np.random.default_rng(7)
    growth = rng.normal(1.0, 2.0, size=2000)
    growth[:5] = [150.0, 120.0, -60.0, 90.0, 200.0]  # annexations and boom towns

    z, scaling = standardise(growth)

    assert scaling.transform == "asinh"
    assert float(np.abs(z).max()) < 6.0  # a robust z of 100 before
    assert choose_transform(rng.normal(size=2000)) == "none"


@FAST
@given(st.floats(0.01, 1000), st.floats(-1000, 1000), st.integers(0, 2**32 - 1))
def test_asinh_standardisation_ignores_units_and_offsets(a, b, seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_t(df=1.5, size=300)

    z1, s1 = standardise(x, "asinh")
    z2, _ = standardise(a * x + b, "asinh")

    assert s1.transform == "asinh"
    assert np.allclose(z1, z2, atol=1e-6)
    assert float(np.abs(z1).max()) <= CLIP


def test_standard_scaling_is_the_textbook_z_score_without_clip():
    x = np.array([1.0, 2.0, 3.0, 4.0, 100.0])

    z, _ = standardise(x, "none", "standard")

    assert np.allclose(z, (x - x.mean()) / x.std())


def test_filter_mask_keeps_the_chosen_geography_levels():
    specs = [FeatureSpec("population", "Population", transform="log")]
    attrs = CityAttributes(
        state=np.array(["MA"] * 4, dtype=object),
        population=np.array([1e5, 1e5, 1e5, 1e5]),
        kind=np.array(["city", "town", "county", "city"], dtype=object),
        level=np.array(["place", "county_subdivision", "county", "place"], dtype=object),
    )
    matrix = build_feature_matrix(
        np.arange(4) + 1, specs, {"population": np.full(4, 1e5)}, attrs=attrs
    )

    mask = filter_mask(matrix, 0, Filters(levels=frozenset({"place"})))

    assert mask.tolist() == [True, False, False, True]
