"""Peer matching at 25,000 jurisdictions x 40 features, against bare numpy baselines.

Times, in this process, on one synthetic matrix (log-normal features, 10 of the 40 with 15 %
missing values, as imported indicators have):
  - bare:     the bare numpy kernel: ((Z - q)²)·w + argpartition, no mask, no explanation
  - engine:   `find_peers` with explanations (masked distance, exact re-rank, reasons)
  - api:      GET /api/v1/jurisdictions/{slug}/peers through Django's full stack, on a test
              database holding the same 25,000 cities x 39 indicators + population (the cache
              fingerprint query runs on every call, as with debug on)
  - all-pairs: `all_pairs_topk` for every city against a blocked numpy ‖a-b‖² + argpartition
Prints medians, p95s and ratios. No assertions: figures only.

    .venv/bin/python bench/matching_peers.py [--cities 25000] [--features 40] [--runs 200]
        [--skip-api] [--skip-all-pairs] [--quick]

--quick: 300 cities x 8 features and 20 runs, to check the benchmark still runs (figures are
noise).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path[:0] = [
    str(Path(__file__).resolve().parent.parent / "src"),
    str(Path(__file__).resolve().parent.parent),
]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from citypeers.matching.engine import (  # noqa: E402
    FeatureSpec,
    all_pairs_topk,
    build_feature_matrix,
    find_peers,
)

K = 10


def synthetic(n: int, f: int, seed: int = 42) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = rng.lognormal(mean=3.0, sigma=1.0, size=(n, f))
    x[:, 0] = rng.lognormal(mean=8.5, sigma=1.6, size=n)  # population-like
    partial = slice(f - min(10, f - 1), f)
    holes = rng.random((n, x[:, partial].shape[1])) < 0.15
    x[:, partial][holes] = np.nan
    return x


def timed(fn, runs: int) -> list[float]:
    for i in range(5):
        fn(i)
    samples = []
    for i in range(runs):
        t0 = time.perf_counter()
        fn(i)
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def p95(samples):
    return statistics.quantiles(samples, n=20)[18]


def line(name, samples):
    print(f"  {name:9s} median {statistics.median(samples):8.3f} ms   p95 {p95(samples):8.3f} ms")


def blocked_baseline(Z: np.ndarray, k: int, block: int = 1024) -> np.ndarray:
    norms = (Z * Z).sum(axis=1)
    out = np.empty((len(Z), k), dtype=np.int64)
    for lo in range(0, len(Z), block):
        hi = min(lo + block, len(Z))
        d = norms[lo:hi, None] + norms[None, :] - 2.0 * (Z[lo:hi] @ Z.T)
        d[np.arange(hi - lo), np.arange(lo, hi)] = np.inf
        cand = np.argpartition(d, k, axis=1)[:, :k]
        order = np.argsort(np.take_along_axis(d, cand, axis=1), axis=1)
        out[lo:hi] = np.take_along_axis(cand, order, axis=1)
    return out


def bench_engine(x, runs):
    n, f = x.shape
    specs = [FeatureSpec("population", "Population", transform="log")]
    specs += [FeatureSpec(f"ind{j}", f"Indicator {j}") for j in range(1, f)]
    t0 = time.perf_counter()
    matrix = build_feature_matrix(
        np.arange(n), specs, {s.code: x[:, j] for j, s in enumerate(specs)}
    )
    build = time.perf_counter() - t0
    weights = np.ones(f)
    Z = np.ascontiguousarray(matrix.Z0)
    subjects = np.random.default_rng(1).integers(0, n, size=runs + 10)

    def bare(i):
        q = Z[subjects[i]]
        d = ((Z - q) ** 2) @ weights
        np.argpartition(d, K)[:K]

    def engine(i):
        find_peers(matrix, int(subjects[i]), weights=weights, k=K)

    def engine_no_words(i):
        find_peers(matrix, int(subjects[i]), weights=weights, k=K, explain=False)

    results = {
        "bare": timed(bare, runs),
        "engine": timed(engine, runs),
        "no-expl.": timed(engine_no_words, runs),
    }
    print(
        f"one query: {n:,} cities x {f} features (10 with 15 % missing), k={K}, runs={runs}, "
        f"matrix build {build:.2f} s"
    )
    for name, samples in results.items():
        line(name, samples)
    print(
        f"  ratio engine/bare p95          {p95(results['engine']) / p95(results['bare']):.2f}"
        f"   (bar ≤ 10; engine p95 bar ≤ 5 ms)"
    )
    return matrix, weights, Z


def bench_all_pairs(matrix, weights, Z):
    t0 = time.perf_counter()
    blocked_baseline(Z, K)
    base = time.perf_counter() - t0
    t0 = time.perf_counter()
    all_pairs_topk(matrix, weights, k=K)
    ours = time.perf_counter() - t0
    print(
        f"all-pairs top-{K}: baseline {base:.2f} s, engine {ours:.2f} s, "
        f"ratio {ours / base:.2f}   (bar ≤ 2)"
    )


def bench_api(x, runs):
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from citypeers.directory.models import Indicator, IndicatorValue, Jurisdiction
    from citypeers.matching import cache

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        n, f = x.shape
        t0 = time.perf_counter()
        Jurisdiction.objects.bulk_create(
            [
                Jurisdiction(
                    slug=f"city-{i}",
                    name=f"City {i}",
                    name_normalised=f"city {i}",
                    state="TX",
                    population=int(x[i, 0]),
                    latitude=30 + (i % 90) / 10,
                    longitude=-100 + (i % 70) / 10,
                )
                for i in range(n)
            ],
            batch_size=5000,
        )
        ids = list(Jurisdiction.objects.order_by("id").values_list("id", flat=True))
        indicators = Indicator.objects.bulk_create(
            [
                Indicator(
                    code=f"ind{j}",
                    label=f"Indicator {j}",
                    theme=("economy", "housing", "equity")[j % 3],
                )
                for j in range(1, f)
            ]
        )
        batch = []
        for j, indicator in enumerate(indicators, start=1):
            for row in np.flatnonzero(np.isfinite(x[:, j])):
                batch.append(
                    IndicatorValue(
                        jurisdiction_id=ids[row],
                        indicator=indicator,
                        year=2021,
                        value=float(x[row, j]),
                    )
                )
                if len(batch) == 20_000:
                    IndicatorValue.objects.bulk_create(batch)
                    batch = []
        IndicatorValue.objects.bulk_create(batch)
        fill = time.perf_counter() - t0
        cache.forget()
        t0 = time.perf_counter()
        cache.current()
        warm = time.perf_counter() - t0
        client = Client()
        subjects = np.random.default_rng(2).integers(0, n, size=runs + 10)

        def api(i):
            response = client.get(f"/api/v1/jurisdictions/city-{subjects[i]}/peers", {"k": K})
            assert response.status_code == 200, response.content[:200]

        def healthz(i):
            client.get("/healthz")

        values = IndicatorValue.objects.count()
        print(
            f"api: {connection.vendor}, {n:,} cities, {values:,} indicator values "
            f"(filled in {fill:.1f} s; cache built in {warm:.2f} s: {cache.build_seconds()})"
        )
        api_samples = timed(api, runs)
        line("api", api_samples)
        line("healthz", timed(healthz, runs))
        print(f"  api p95 bar ≤ 50 ms: {p95(api_samples):.1f} ms")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cities", type=int, default=25_000)
    parser.add_argument("--features", type=int, default=40)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--skip-api", action="store_true")
    parser.add_argument("--skip-all-pairs", action="store_true")
    parser.add_argument("--quick", action="store_true", help="300 cities x 8 features, 20 runs")
    args = parser.parse_args()
    if args.quick:
        args.cities, args.features, args.runs = 300, 8, 20
        print("quick mode: 300 cities x 8 features, 20 runs; the figures are not measurements")
    x = synthetic(args.cities, args.features)
    matrix, weights, Z = bench_engine(x, args.runs)
    if not args.skip_api:
        bench_api(x, args.runs)
    if not args.skip_all_pairs:
        bench_all_pairs(matrix, weights, Z)


if __name__ == "__main__":
    main()
