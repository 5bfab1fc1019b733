"""The peer kernel: exact, weight- and scale-behaved, explained. No database."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citypeers.matching.engine import (
    CityAttributes,
    FeatureSpec,
    Filters,
    all_pairs_topk,
    build_feature_matrix,
    filter_mask,
    find_peers,
    resolve_weights,
    standardise,
)
from tests.matching.helpers import assert_same_ranking, brute_force_topk

pytestmark = pytest.mark.unit

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def datasets(draw, min_rows=3, max_rows=40, max_features=5):
    n = draw(st.integers(min_rows, max_rows))
    f = draw(st.integers(1, max_features))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    x = rng.lognormal(mean=2.0, sigma=1.5, size=(n, f))
    if draw(st.booleans()):
        x = np.round(x, 1)  # ties, as real data has
    missing = rng.random((n, f)) < draw(st.sampled_from([0.0, 0.1, 0.3]))
    x[missing] = np.nan
    weights = rng.choice([0.0, 0.5, 1.0, 2.0], size=f)
    if not (weights > 0).any():
        weights[0] = 1.0
    transforms = [draw(st.sampled_from(["none", "log"])) for _ in range(f)]
    return x, weights, transforms


def _matrix(x, transforms, extra=None):
    specs = [FeatureSpec(f"f{j}", f"F{j}", transform=t) for j, t in enumerate(transforms)]
    values = {f"f{j}": x[:, j] for j in range(x.shape[1])}
    if extra:
        specs += extra[0]
        values.update(extra[1])
    return build_feature_matrix(np.arange(len(x)) + 100, specs, values)


def _run(matrix, subject, weights, k, **kwargs):
    try:
        results = find_peers(matrix, subject, weights=weights, k=k, explain=False, **kwargs)
    except ValueError:
        return None
    return [r.row for r in results], [r.similarity for r in results]


@FAST
@given(datasets(), st.integers(1, 12), st.data())
def test_find_peers_matches_brute_force_with_missing_values(data, k, pick):
    x, weights, transforms = data
    matrix = _matrix(x, transforms)
    subject = pick.draw(st.integers(0, len(x) - 1))
    got = _run(matrix, subject, weights, k)
    if got is None:  # the subject has no weighted feature
        assert not any(np.isfinite(x[subject, j]) and weights[j] > 0 for j in range(x.shape[1]))
        return
    ref_rows, ref_d2 = brute_force_topk(matrix, subject, weights, k)
    assert_same_ranking(*got, ref_rows, ref_d2)


@FAST
@given(datasets(min_rows=4), st.data())
def test_zero_weight_removes_a_feature(data, pick):
    x, weights, transforms = data
    if x.shape[1] < 2:
        x = np.column_stack([x, x[:, 0] * 3 + 1])
        weights = np.append(weights, 1.0)
        transforms = [*transforms, "none"]
    j = pick.draw(st.integers(0, x.shape[1] - 1))
    keep = [i for i in range(x.shape[1]) if i != j]
    weights = weights.copy()
    weights[j] = 0.0
    if not (weights > 0).any():
        weights[keep[0]] = 1.0
    subject = pick.draw(st.integers(0, len(x) - 1))
    full = _run(_matrix(x, transforms), subject, weights, 5)
    reduced_matrix = _matrix(x[:, keep], [transforms[i] for i in keep])
    reduced = _run(reduced_matrix, subject, weights[keep], 5)
    if full is None or reduced is None:
        assert full == reduced
        return
    assert_same_ranking(*full, *reduced)


@FAST
@given(
    datasets(min_rows=4),
    st.floats(0.01, 1000.0),
    st.floats(-1000.0, 1000.0),
    st.data(),
)
def test_results_unchanged_when_a_feature_is_rescaled(data, a, b, pick):
    x, weights, transforms = data
    j = pick.draw(st.integers(0, x.shape[1] - 1))
    scaled = x.copy()
    # a·x + b for linear features; a·x for log features (log(a·x) = log a + log x).
    scaled[:, j] = a * x[:, j] + (b if transforms[j] == "none" else 0.0)
    subject = pick.draw(st.integers(0, len(x) - 1))
    before = _run(_matrix(x, transforms), subject, weights, 6)
    after = _run(_matrix(scaled, transforms), subject, weights, 6)
    if before is None or after is None:
        assert before == after
        return
    assert_same_ranking(*after, *before, tol=1e-7)


def test_standardise_is_median_and_iqr_based():
    z, scaling = standardise(np.array([1.0, 2.0, 3.0, 4.0, 100.0]), "none")
    assert scaling.center == 3.0
    assert scaling.scale == pytest.approx(2.0 / 1.349)
    assert z[2] == 0.0


def test_standardise_keeps_missing_values_missing():
    z, _ = standardise(np.array([1.0, np.nan, 3.0]), "none")
    assert np.isnan(z[1])


def test_standardise_log_transform_chosen_for_skewed_data():
    x = np.exp(np.linspace(0, 12, 200))
    _, scaling = standardise(x, "auto")
    assert scaling.transform == "log"


def test_find_peers_pinned_city_is_added_outside_filters():
    x = np.array([[1.0], [1.1], [1.2], [5.0], [9.0]])
    matrix = build_feature_matrix(
        [1, 2, 3, 4, 5],
        [FeatureSpec("a", "A", transform="none")],
        {"a": x[:, 0]},
        attrs=CityAttributes(
            state=np.array(["TX", "TX", "CA", "TX", "CA"], dtype=object),
            population=np.array([1e4, 2e4, 3e4, 4e4, 5e4]),
            kind=np.array(["city"] * 5, dtype=object),
        ),
    )
    allowed = filter_mask(matrix, 0, Filters(same_state=True))
    results = find_peers(matrix, 0, weights=np.array([1.0]), k=2, allowed=allowed, pinned=[4])
    assert [(r.id, r.rank, r.pinned, r.in_filter) for r in results] == [
        (2, 1, False, True),
        (4, 2, False, True),
        (5, 0, True, False),
    ]


def test_filter_mask_population_band_and_type():
    matrix = build_feature_matrix(
        [1, 2, 3],
        [FeatureSpec("a", "A", transform="none")],
        {"a": np.array([1.0, 2.0, 3.0])},
        attrs=CityAttributes(
            state=np.array(["TX"] * 3, dtype=object),
            population=np.array([5e3, 5e4, np.nan]),
            kind=np.array(["city", "town", "city"], dtype=object),
        ),
    )
    mask = filter_mask(matrix, 0, Filters(population_min=10_000, population_max=100_000))
    assert mask.tolist() == [False, True, False]
    assert filter_mask(matrix, 0, Filters(kinds=frozenset({"city"}))).tolist() == [
        True,
        False,
        True,
    ]


def test_explanation_shares_sum_to_one_and_missing_is_named():
    x = np.array([[1.0, 10.0], [1.1, np.nan], [3.0, 12.0], [1.05, 30.0]])
    matrix = _matrix(x, ["none", "none"])
    results = find_peers(matrix, 0, weights=np.array([1.0, 1.0]), k=3, min_coverage=0.0)
    by_id = {r.id: r for r in results}
    partial = by_id[101]
    assert [c.code for c in partial.contributions] == ["f0"]
    assert [(m.code, m.missing_for) for m in partial.missing] == [("f1", "peer")]
    full = by_id[103]
    assert sum(c.similarity_share for c in full.contributions) == pytest.approx(1.0)
    assert sum(c.distance_share for c in full.contributions) == pytest.approx(1.0)


def test_min_coverage_excludes_cities_sharing_too_little():
    x = np.array([[1.0, 10.0, 5.0], [1.0, np.nan, np.nan], [2.0, 11.0, 6.0]])
    matrix = _matrix(x, ["none"] * 3)
    results = find_peers(matrix, 0, weights=np.ones(3), k=5, explain=False)
    assert [r.id for r in results] == [102]


def test_category_and_location_features_enter_the_distance():
    specs = [
        FeatureSpec("kind", "Government type", kind="category"),
        FeatureSpec("where", "Location", kind="location"),
    ]
    values = {
        "kind": np.array(["city", "city", "town", None], dtype=object),
        "where": np.array([[42.36, -71.06], [42.0, -71.5], [42.36, -71.06], [np.nan, np.nan]]),
    }
    matrix = build_feature_matrix([1, 2, 3, 4], specs, values)
    results = find_peers(matrix, 0, weights=np.array([1.0, 1.0]), k=3, min_coverage=0.0)
    first = results[0]
    assert first.id == 2
    assert {c.code: round(c.distance_km) for c in first.contributions if c.kind == "location"} == {
        "where": 54
    }
    assert [r.id for r in results] == [2, 3]  # 4 shares nothing with 1
    assert results[1].distance == pytest.approx(0.5)  # type differs by 1, location identical


def test_resolve_weights_theme_times_feature():
    specs = [
        FeatureSpec("a", "A", theme="size"),
        FeatureSpec("b", "B", theme="economy", default_weight=0.5),
    ]
    assert resolve_weights(specs, {"a": 2.0}, {"economy": 4.0}).tolist() == [2.0, 2.0]


@pytest.mark.parametrize(
    ("features", "themes", "message"),
    [
        ({"nope": 1.0}, {}, "Unknown feature(s): nope. Known: a."),
        ({}, {"nope": 1.0}, "Unknown theme(s): nope. Known: size."),
        ({"a": -1.0}, {}, "Weight for a must be a number ≥ 0."),
        ({"a": 0.0}, {}, "At least one feature needs a weight above 0."),
    ],
)
def test_resolve_weights_rejects_bad_input(features, themes, message):
    with pytest.raises(ValueError) as error:
        resolve_weights([FeatureSpec("a", "A", theme="size")], features, themes)
    assert str(error.value) == message


@FAST
@given(datasets(min_rows=5, max_rows=30))
def test_all_pairs_topk_equals_single_queries(data):
    x, weights, transforms = data
    matrix = _matrix(x, transforms)
    rows, sims = all_pairs_topk(matrix, weights, k=3, block=7)
    for subject in range(matrix.n):
        got = _run(matrix, subject, weights, 3)
        if got is None:
            assert rows[subject].tolist() == [-1, -1, -1]
            continue
        n = len(got[0])
        assert_same_ranking(rows[subject][:n].tolist(), sims[subject][:n].tolist(), *got)


def test_find_peers_large_matrix_equals_brute_force():
    rng = np.random.default_rng(7)
    x = rng.lognormal(size=(3000, 12))
    x[rng.random(x.shape) < 0.1] = np.nan
    matrix = _matrix(x, ["auto"] * 12)
    weights = rng.random(12) + 0.1
    for subject in (0, 17, 2999):
        got = _run(matrix, subject, weights, 10)
        assert_same_ranking(*got, *brute_force_topk(matrix, subject, weights, 10))
