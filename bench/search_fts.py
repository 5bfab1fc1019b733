"""Full-text search at 100k documents: the search endpoint against the raw backend query.

Builds a throwaway test database (in-memory SQLite by default; PostgreSQL when DATABASE_URL
points at one, using database CITYPEERS_TEST_DB_NAME or `test_<name>`), fills SearchDocument
with synthetic documents in the mix of kinds the site indexes (profiles of every jurisdiction
first, then statements, solutions, insights, webinars, workshops, convenings, replications,
answered questions and guides), each filed under challenge areas with a state, a year and a
population (so facets count real rows), over a Zipf-like vocabulary with one planted term in
~4 % of documents. Then times, in this process:
  - raw:      the backend's ranked top-20 query (hits only)
  - raw+count: what the endpoint asks of the engine (per-kind counts + top-20 hits)
  - endpoint: GET /api/v1/search?q=... through Django's full middleware stack
  - worst single term: the endpoint with facets for the most frequent word of the vocabulary
    (the term matching the most documents), and for the planted term
  - the same right after a write to the index (the SQLite backend then reloads its column
    snapshot before counting a large match: what the first search after each change pays)
  - raw bm25 over the most frequent word: what ranking it would cost (the backend lists a
    word found in half the documents unranked, since bm25 weighs it at zero)
and prints medians, p95s and the ratios endpoint / raw. No assertions: figures only.

    .venv/bin/python bench/search_fts.py [--docs 100000] [--runs 200] [--quick]

--quick: 500 documents and 20 runs, to check the benchmark still runs (figures are noise).
"""

import argparse
import os
import random
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

import django  # noqa: E402 - after sys.path and settings are set up

django.setup()

from django.db import connection  # noqa: E402 - after sys.path and settings are set up
from django.test import Client  # noqa: E402 - after sys.path and settings are set up
from django.test.utils import setup_test_environment  # noqa: E402 - after sys.path and settings are set up

PLANTED = "floodgate"
PLANTED_SHARE = 0.04
VOCABULARY = 30_000
# The share of each kind in the index: profiles (one per jurisdiction) dominate.
KIND_MIX = [
    ("profile", 0.40),
    ("challenge", 0.15),
    ("solution", 0.15),
    ("insight", 0.08),
    ("event", 0.05),
    ("workshop", 0.04),
    ("convening", 0.03),
    ("replication", 0.04),
    ("qa", 0.04),
    ("guide", 0.02),
]
AREAS = [f"area-{n}" for n in range(60)]
STATES = ["TX", "CA", "NY", "FL", "IL", "OH", "PA", "GA", "NC", "MI"]
COMMON = "w1"  # the most frequent word of the Zipf-like vocabulary: the worst single term


def _kind(rng: random.Random) -> str:
    roll, total = rng.random(), 0.0
    for kind, share in KIND_MIX:
        total += share
        if roll < total:
            return kind
    return KIND_MIX[-1][0]


def _words(rng: random.Random, n: int) -> list[str]:
    return [f"w{rng.paretovariate(1.1).__int__() % VOCABULARY}" for _ in range(n)]


def build(count: int) -> float:
    from citypeers.search.models import SearchDocument, SearchDocumentArea

    rng = random.Random(42)
    started = time.perf_counter()
    batch: list = []
    areas: list[list[str]] = []

    def flush():
        created = SearchDocument.objects.bulk_create(batch)
        SearchDocumentArea.objects.bulk_create(
            SearchDocumentArea(document_id=doc.pk, area=area)
            for doc, names in zip(created, areas, strict=True)
            for area in names
        )
        batch.clear()
        areas.clear()

    for i in range(count):
        body = _words(rng, rng.randint(80, 200))
        if rng.random() < PLANTED_SHARE:
            body.insert(rng.randrange(len(body)), PLANTED)
        filed = rng.sample(AREAS, rng.randint(0, 3))
        batch.append(
            SearchDocument(
                kind=_kind(rng),
                object_id=i,
                title=" ".join(_words(rng, 8)),
                body=" ".join(body),
                url=f"/d/{i}/",
                is_public=rng.random() > 0.1,
                state=rng.choice(STATES),
                terms=" ".join(filed),
                year=rng.randint(2015, 2026),
                population=int(rng.paretovariate(1.2) * 1000),
            )
        )
        areas.append(filed)
        if len(batch) == 2000:
            flush()
    flush()
    return time.perf_counter() - started


def timed(fn, runs: int) -> list[float]:
    for _ in range(5):
        fn()
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def p95(samples):
    return statistics.quantiles(samples, n=20)[18]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="500 documents, 20 runs")
    args = parser.parse_args()
    if args.quick:
        args.docs, args.runs = 500, 20
        print("quick mode: 500 documents, 20 runs; the figures below are not measurements")

    from citypeers.search.backends import get_backend
    from citypeers.search.models import SearchDocument
    from citypeers.search.query import parse_query

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        build_seconds = build(args.docs)
        if connection.vendor == "postgresql":
            # As autovacuum would leave it: the GIN pending list merged and statistics taken
            # (right after a bulk load every full-text scan also reads the unmerged list).
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE search_searchdocument")
                cursor.execute("VACUUM ANALYZE search_searchdocumentarea")
        matches = SearchDocument.objects.filter(body__contains=PLANTED, is_public=True).count()
        backend = get_backend()
        query = parse_query(PLANTED)

        def raw():
            backend.hits(query, kinds=None, include_private=False, limit=20, offset=0)

        def raw_and_count():
            backend.counts(query, include_private=False)
            raw()

        client = Client()

        def endpoint():
            response = client.get("/api/v1/search", {"q": PLANTED})
            assert response.status_code == 200

        common_query = parse_query(COMMON)

        def raw_common():
            backend.hits(common_query, kinds=None, include_private=False, limit=20, offset=0)

        def endpoint_common():
            response = client.get("/api/v1/search", {"q": COMMON})
            assert response.status_code == 200

        def faceted(term):
            def call():
                response = client.get("/api/v1/search", {"q": term, "facets": "true"})
                assert response.status_code == 200

            return call

        def after_a_write(runs):
            samples = []
            for n in range(runs):
                SearchDocument.objects.filter(pk=1).update(year=2000 + n % 20)
                t0 = time.perf_counter()
                faceted(COMMON)()
                samples.append((time.perf_counter() - t0) * 1000)
            return samples

        results = {
            name: timed(fn, args.runs)
            for name, fn in [
                ("raw", raw),
                ("raw+count", raw_and_count),
                ("endpoint", endpoint),
                (f"raw bm25 '{COMMON}'", raw_common),
                (f"endpoint '{COMMON}'", endpoint_common),
                (f"facets '{PLANTED}'", faceted(PLANTED)),
                (f"facets '{COMMON}'", faceted(COMMON)),
            ]
        }
        results[f"facets '{COMMON}' after a write"] = after_a_write(max(20, args.runs // 5))
        common = SearchDocument.objects.filter(body__contains=f" {COMMON} ").count()
        print(
            f"vendor={connection.vendor} docs={args.docs} build={build_seconds:.1f}s "
            f"term='{PLANTED}' public matches={matches} "
            f"({matches / args.docs:.1%} of docs) runs={args.runs}"
        )
        print(f"  the most frequent word '{COMMON}' is in about {common / args.docs:.0%} of docs")
        for name, samples in results.items():
            print(
                f"  {name:32s} median {statistics.median(samples):7.2f} ms   "
                f"p95 {p95(samples):7.2f} ms"
            )
        plain = p95(results[f"endpoint '{COMMON}'"])
        print(f"  worst single term p95 (endpoint) {plain:.1f} ms")
        worst = max(p95(results[f"facets '{PLANTED}'"]), p95(results[f"facets '{COMMON}'"]))
        print(f"  worst single term p95 (with facets) {worst:.1f} ms")
        fresh = p95(results[f"facets '{COMMON}' after a write"])
        print(f"  worst single term p95 right after a write {fresh:.1f} ms")
        ratio = p95(results["endpoint"]) / p95(results["raw"])
        print(f"  ratio endpoint/raw p95       {ratio:.2f}")
        print(
            f"  ratio endpoint/raw+count p95 "
            f"{p95(results['endpoint']) / p95(results['raw+count']):.2f}"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
