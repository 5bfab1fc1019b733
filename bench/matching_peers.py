"""Peer matching on real context: every Census place with its ACS indicators.

Fills a throwaway test database with the places of `acs_places.csv` (beside the checkout in
../shared/data/acs; 32,638 places: GEOID, name, state, population) and their 17 ACS indicators
in the themes of docs/examples/acs_places_themes.csv (≈ 470k values), or, when the file is
absent, synthetic places of the same shape. Then times, in this process:
  - build:   the per-worker feature cache from the database (directory facts, indicator grid,
             standardised matrix), from cold; bar ≤ 3 s
  - bare:    the bare numpy kernel ((Z - q)²)·w + argpartition over the same matrix
  - engine:  `find_peers` with the default theme weights, the theme coverage rule, the level
             filter and explanations; bar p95 ≤ 10 x bare
  - api:     GET /api/v1/jurisdictions/{GEOID}/peers?k=10 through Django's full stack,
             explanations included; bar p95 ≤ 50 ms and ≤ 25 x bare
  - all-pairs (with --all-pairs): `all_pairs_topk` against a blocked numpy baseline
Exits 1 when a bar is missed. `--quick`: a few hundred synthetic places, few runs, no timing
bars (the test suite runs it).

    .venv/bin/python bench/matching_peers.py [--cities N] [--runs 200] [--quick] [--all-pairs]
"""

import argparse
import csv
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402 - after the BLAS thread settings above

K = 10
ACS_FILE = (
    Path(os.environ.get("CITYPEERS_ACS_DIR", ROOT.parent / "shared" / "data" / "acs"))
    / "acs_places.csv"
)
THEMES_FILE = ROOT / "docs" / "examples" / "acs_places_themes.csv"
SOURCE = "U.S. Census Bureau, ACS 2019\u20132023 5-year"
BARS = {"build_s": 3.0, "engine_ratio": 10.0, "api_ms": 50.0, "api_ratio": 25.0}


def themes() -> list[dict]:
    with THEMES_FILE.open(encoding="utf-8", newline="") as handle:
        return [t for t in csv.DictReader(handle) if t["theme"] != "skip"]


def places(limit: int | None, *, synthetic: bool, seed: int = 42) -> list[dict]:
    """Rows with GEOID, NAME, STATE, population and the themes file's columns ("" missing)."""
    columns = [t["column"] for t in themes()]
    if not synthetic and ACS_FILE.exists():
        with ACS_FILE.open(encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if r["population"]]
        return rows[:limit] if limit else rows
    rng = np.random.default_rng(seed)
    n = limit or 32_000
    x = rng.lognormal(mean=3.0, sigma=1.0, size=(n, len(columns)))
    x[rng.random(x.shape) < 0.19] = np.nan  # ≈ 81 % of places have the socio-economic columns
    population = rng.lognormal(mean=7.5, sigma=1.8, size=n).astype(int) + 1
    return [
        {
            "GEOID": f"{90_00000 + i:07d}",
            "NAME": f"Place {i} city, Testland",
            "STATE": "TX",
            "population": str(population[i]),
            **{c: "" if np.isnan(x[i, j]) else f"{x[i, j]:.2f}" for j, c in enumerate(columns)},
        }
        for i in range(n)
    ]


def fill(rows: list[dict]) -> int:
    from citypeers.directory.enums import CensusLevel, GovernmentType
    from citypeers.directory.models import Indicator, IndicatorValue, Jurisdiction

    Jurisdiction.objects.bulk_create(
        [
            Jurisdiction(
                slug=f"place-{r['GEOID']}",
                name=r["NAME"].rsplit(",", 1)[0],
                name_normalised=r["NAME"].rsplit(",", 1)[0].lower(),
                state=r["STATE"],
                geoid=r["GEOID"],
                kind=GovernmentType.CDP if " CDP," in r["NAME"] else GovernmentType.CITY,
                census_level=CensusLevel.PLACE,
                population=int(r["population"]),
                population_year=2023,
                population_source=SOURCE,
            )
            for r in rows
        ],
        batch_size=5000,
    )
    ids = dict(Jurisdiction.objects.values_list("geoid", "id"))
    values = []
    for t in themes():
        indicator = Indicator.objects.create(
            code=t["code"], label=t["label"], unit=t["unit"], theme=t["theme"], source=SOURCE
        )
        values += [
            IndicatorValue(
                jurisdiction_id=ids[r["GEOID"]],
                indicator=indicator,
                year=2023,
                value=float(r[t["column"]]),
                source=SOURCE,
            )
            for r in rows
            if r[t["column"]]
        ]
    IndicatorValue.objects.bulk_create(values, batch_size=20_000)
    return len(values)


def timed(fn, runs: int) -> list[float]:
    for i in range(min(5, runs)):
        fn(i)
    samples = []
    for i in range(runs):
        t0 = time.perf_counter()
        fn(i)
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def p95(samples) -> float:
    return statistics.quantiles(samples, n=20)[18] if len(samples) > 1 else samples[0]


def line(name, samples):
    print(f"  {name:9s} median {statistics.median(samples):8.3f} ms   p95 {p95(samples):8.3f} ms")


def build_cold(repeats: int) -> tuple[float, dict]:
    from citypeers.matching import cache

    seconds = []
    for _ in range(repeats):
        cache.forget()
        t0 = time.perf_counter()
        cache.feature_matrix()
        seconds.append(time.perf_counter() - t0)
    return statistics.median(seconds), cache.build_seconds()


def queries(runs: int, quick: bool) -> dict[str, list[float]]:
    from django.test import Client

    from citypeers.directory.models import Jurisdiction
    from citypeers.matching import cache
    from citypeers.matching.engine import Filters, filter_mask, find_peers, resolve_weights

    matrix = cache.feature_matrix()
    weights = resolve_weights(matrix.specs)
    w_col = weights[matrix.col_feature]
    Z = np.ascontiguousarray(matrix.Z0)
    # Subjects with every indicator: the slowest case (most features explained).
    numeric = [f for f, spec in enumerate(matrix.specs) if spec.kind == "numeric"]
    full = np.flatnonzero(matrix.present[:, numeric].all(axis=1))
    pool = full if len(full) >= 10 else np.arange(matrix.n)
    subjects = np.random.default_rng(1).choice(pool, size=runs + 10)

    geoids = dict(Jurisdiction.objects.values_list("id", "geoid"))
    client = Client()

    def bare(i):
        d = ((Z - Z[subjects[i]]) ** 2) @ w_col
        np.argpartition(d, K)[:K]

    def engine(i):
        row = int(subjects[i])
        levels = frozenset({str(matrix.attrs.level[row])})
        allowed = filter_mask(matrix, row, Filters(levels=levels))
        find_peers(matrix, row, weights=weights, k=K, allowed=allowed)

    def api(i):
        geoid = geoids[int(matrix.ids[subjects[i]])]
        response = client.get(f"/api/v1/jurisdictions/{geoid}/peers", {"k": K})
        assert response.status_code == 200, response.content[:300]

    def healthz(i):
        client.get("/healthz")

    return {
        "bare": timed(bare, runs),
        "engine": timed(engine, runs),
        "api": timed(api, runs),
        "healthz": timed(healthz, runs),
    }


def all_pairs(k: int = K):
    from citypeers.matching import cache
    from citypeers.matching.engine import all_pairs_topk, resolve_weights

    matrix = cache.feature_matrix()
    t0 = time.perf_counter()
    all_pairs_topk(matrix, resolve_weights(matrix.specs), k=k)
    print(f"all-pairs top-{k}: {time.perf_counter() - t0:.1f} s")


def profile_api(runs: int) -> None:
    """Where an API call's time goes, for finding what to make faster (not a measurement)."""
    import cProfile
    import pstats

    from django.test import Client

    from citypeers.directory.models import Jurisdiction

    geoids = list(Jurisdiction.objects.values_list("geoid", flat=True)[:runs])
    client = Client()
    profiler = cProfile.Profile()
    profiler.enable()
    for geoid in geoids:
        client.get(f"/api/v1/jurisdictions/{geoid}/peers", {"k": K})
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cities", type=int, help="first N places (default: all)")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="tiny, synthetic, no timing bars")
    parser.add_argument("--synthetic", action="store_true", help="do not read acs_places.csv")
    parser.add_argument("--all-pairs", action="store_true")
    parser.add_argument(
        "--profile", action="store_true", help="also profile 50 API calls (top 25 functions)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.cities, args.runs, args.synthetic = args.cities or 300, min(args.runs, 20), True
        print("quick mode: 300 synthetic places, 20 runs; the figures below are not measurements")

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        rows = places(args.cities, synthetic=args.synthetic)
        t0 = time.perf_counter()
        n_values = fill(rows)
        source = "synthetic" if args.synthetic or not ACS_FILE.exists() else ACS_FILE.name
        print(
            f"{len(rows):,} places from {source}, {n_values:,} indicator values "
            f"({connection.vendor}; filled in {time.perf_counter() - t0:.1f} s)"
        )
        build, parts = build_cold(1 if args.quick else 3)
        print(f"  cache build {build:.2f} s (median of cold builds; last: {parts})")
        samples = queries(args.runs, args.quick)
        for name, values in samples.items():
            line(name, values)
        bare = p95(samples["bare"])
        figures = {
            "build_s": build,
            "engine_ratio": p95(samples["engine"]) / bare,
            "api_ms": p95(samples["api"]),
            "api_ratio": p95(samples["api"]) / bare,
        }
        missed = [name for name, bar in BARS.items() if figures[name] > bar]
        for name, bar in BARS.items():
            print(f"  {name:12s} {figures[name]:8.2f}   bar ≤ {bar:g}")
        if args.all_pairs:
            all_pairs()
        if args.profile:
            profile_api(50)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    if args.quick:
        print("quick run: timing bars not checked")
        return 0
    if missed:
        print(f"MISSED: {', '.join(missed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
