"""City profile pages under load, against /healthz through the same middleware, same run.

Builds a separate SQLite database (in a temporary directory) at full size: the shipped
directory topped up to 25,000 jurisdictions, 100,000 published solutions tagged with challenge
areas, and a challenge statement for every tenth city, all with bulk_create. Then serves it
with gunicorn (2 sync workers, production-style settings: CITYPEERS_DEBUG=0, a secret key,
CITYPEERS_SSL_REDIRECT=0, ALLOWED_HOSTS 127.0.0.1) and measures with wrk (a Lua script picks a
random profile per request and prints percentiles), or with a small Python load loop when wrk
is not installed:
  - baseline: GET /healthz (a minimal view through the full middleware stack)
  - profile:  GET /directory/<random slug>/ as an anonymous visitor, a random pick among
              3,000 of all cities: nearly every request misses the per-worker page cache,
              so this is the uncached render and the figure the targets are judged on
  - popular:  the same among --popular cities only (default 100), so most requests are served
              from the anonymous page cache: closer to real traffic, which favours a few cities;
              reported for information, never used for the verdict
Prints p50/p95/p99 and requests/s for each and the ratio profile p95 / healthz p95.
Targets (issue 2): ratio <= 10 and profile p95 <= 50 ms. No assertions: figures only.

    .venv/bin/python bench/directory_profile.py [--duration 10] [--connections 2] [--keep]
        [--quick]

--quick: 60 invented cities without the shipped directory, 200 solutions, 1 s per measurement,
and debug settings (no collectstatic, which takes minutes), to check the benchmark still runs
end to end; the figures are noise and say nothing about the targets.
"""

import argparse
import json
import os
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
SLUGS_IN_SCRIPT = 3000

LUA = """
math.randomseed(os.time())
local slugs = {%s}
request = function()
  local path = "%s"
  if path == "" then path = "/directory/" .. slugs[math.random(#slugs)] .. "/" end
  return wrk.format("GET", path)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%.1f %%.1f %%.1f\\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def production_env(data_dir: Path, *, quick: bool = False) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "citypeers.settings",
            "CITYPEERS_DEBUG": "1" if quick else "0",
            "CITYPEERS_SECRET_KEY": "bench-" + "x" * 50,
            "CITYPEERS_SSL_REDIRECT": "0",
            "CITYPEERS_ALLOWED_HOSTS": "127.0.0.1",
            "CITYPEERS_DATA_DIR": str(data_dir),
            "OPENBLAS_NUM_THREADS": "1",
            "PYTHONPATH": f"{ROOT / 'src'}:{env.get('PYTHONPATH', '')}",
        }
    )
    env.pop("DATABASE_URL", None)
    return env


def build(data_dir: Path, jurisdictions: int, solutions: int, *, quick: bool = False) -> dict:
    """Fill a fresh database; runs in a child process so settings come from production_env."""
    code = f"""
import random, sys, time
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
if not {quick}:
    call_command("collectstatic", verbosity=0, interactive=False)
from citypeers.core.enums import PublicationStatus
from citypeers.directory.models import Jurisdiction
from citypeers.directory.services.loading import load_shipped_directory
from citypeers.knowledge.models import ChallengeArea, ChallengeStatement, Solution
started = time.perf_counter()
if not {quick}:
    load_shipped_directory()
missing = {jurisdictions} - Jurisdiction.objects.count()
Jurisdiction.objects.bulk_create([
    Jurisdiction(slug=f"benchtown-{{i}}-tx", name=f"Benchtown {{i}}",
                 name_normalised=f"benchtown {{i}}",
                 state="TX", state_fips="48", population=1000 + i, latitude=31.0, longitude=-99.0)
    for i in range(max(missing, 0))
], batch_size=500)
areas = ChallengeArea.objects.bulk_create([
    ChallengeArea(slug=f"bench-area-{{i}}", name=f"Bench area {{i}}", order=i) for i in range(20)
])
ids = list(Jurisdiction.objects.values_list("id", flat=True))
rng = random.Random(7)
Solution.objects.bulk_create([
    Solution(slug=f"bench-solution-{{i}}", title=f"Bench solution {{i}}", owner_id=rng.choice(ids),
             problem="A problem " * 20, approach="An approach " * 40,
             status=PublicationStatus.PUBLISHED)
    for i in range({solutions})
], batch_size=500)
through = Solution.challenges.through
solution_ids = list(Solution.objects.values_list("id", flat=True))
through.objects.bulk_create([
    through(solution_id=s, challengearea_id=areas[s % len(areas)].id) for s in solution_ids
], batch_size=1000)
ChallengeStatement.objects.bulk_create([
    ChallengeStatement(jurisdiction_id=j, area=areas[k % len(areas)], narrative="Rents rose. " * 10,
                       status=PublicationStatus.PUBLISHED)
    for k, j in enumerate(ids[::10])
], batch_size=500)
slugs = list(Jurisdiction.objects.values_list("slug", flat=True))
seconds = round(time.perf_counter() - started, 1)
print("BUILD", Jurisdiction.objects.count(), Solution.objects.count(), seconds)
import json; print("SLUGS", json.dumps(slugs))
"""
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=production_env(data_dir, quick=quick),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"Building the benchmark database failed:\n{result.stderr[-3000:]}")
    info = {}
    for line in result.stdout.splitlines():
        if line.startswith("BUILD "):
            _, info["jurisdictions"], info["solutions"], info["seconds"] = line.split()
        elif line.startswith("SLUGS "):
            info["slugs"] = json.loads(line[6:])
    return info


def reuse(data_dir: Path) -> dict:
    with sqlite3.connect(data_dir / "citypeers.sqlite3") as db:
        slugs = [row[0] for row in db.execute("SELECT slug FROM directory_jurisdiction")]
        solutions = db.execute("SELECT COUNT(*) FROM knowledge_solution").fetchone()[0]
    return {"jurisdictions": len(slugs), "solutions": solutions, "seconds": 0, "slugs": slugs}


def breakdown(data_dir: Path, slugs: list[str], *, quick: bool = False) -> dict:
    """In one process (no HTTP): a public profile's time split into its three phases, the
    version query (`profile_with_version`), the context (`profile_context`) and the template
    render, so a slow page can be attributed to the right part."""
    requests = 20 if quick else 300
    code = f"""
import random, statistics, time
import django
django.setup()
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from citypeers.profiles import selectors
known_empty_parts = selectors.known_empty_parts
profile_context, profile_with_version = selectors.profile_context, selectors.profile_with_version
slugs = {json.dumps(random.sample(slugs, min(len(slugs), requests)))}
Client().get("/directory/" + slugs[0] + "/")
factory = RequestFactory()
phases = {{"version": [], "context": [], "render": []}}
for slug in slugs:
    request = factory.get("/directory/" + slug + "/")
    request.user, request.csp_nonce, request.htmx = AnonymousUser(), "nonce", False
    started = time.perf_counter()
    jurisdiction, _ = profile_with_version(slug)
    versioned = time.perf_counter()
    context = profile_context(request.user, jurisdiction, empty=known_empty_parts(jurisdiction))
    built = time.perf_counter()
    render_to_string("profiles/profile.html", context, request=request)
    done = time.perf_counter()
    phases["version"].append((versioned - started) * 1000)
    phases["context"].append((built - versioned) * 1000)
    phases["render"].append((done - built) * 1000)
q = lambda xs, n: statistics.quantiles(xs, n=100)[n - 1]
print("BREAKDOWN", *(f"{{q(xs, p):.3f}}" for xs in phases.values() for p in (50, 95)))
"""
    env = production_env(data_dir, quick=quick)
    env["CITYPEERS_ALLOWED_HOSTS"] = "testserver"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    line = next((x for x in result.stdout.splitlines() if x.startswith("BREAKDOWN ")), None)
    if line is None:
        print(f"  (in-process breakdown failed: {result.stderr.strip().splitlines()[-1:]})")
        return {}
    keys = [f"{phase}_{p}" for phase in ("version", "context", "render") for p in ("p50", "p95")]
    return dict(zip(keys, map(float, line.split()[1:]), strict=True))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data_dir: Path, port: int, *, quick: bool = False) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "citypeers.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--timeout",
            "600",
            # As `make serve`: the peer cache is built once in the master, before forking.
            "--preload",
            "-c",
            "python:citypeers.matching.gunicorn_hooks",
        ],
        env=production_env(data_dir, quick=quick),
        cwd=ROOT,
    )
    for _ in range(1500):  # the master builds the peer cache before it serves
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).read()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not start")


def warm_up(port: int, slugs: list[str]) -> list[float]:
    """Seconds per warm-up request: each worker builds its per-process caches (e.g. the
    peer-matching panel's feature matrix) on first use, which is not what is measured."""
    timings = []
    for slug in random.sample(slugs, 40):
        started = time.perf_counter()
        urllib.request.urlopen(f"http://127.0.0.1:{port}/directory/{slug}/", timeout=600).read()
        timings.append(time.perf_counter() - started)
    return timings


def run_wrk(port: int, path: str, slugs: list[str], duration: int, connections: int) -> dict:
    sample = random.sample(slugs, min(SLUGS_IN_SCRIPT, len(slugs)))  # a Lua table of 25k is slow
    script = LUA % (",".join(json.dumps(s) for s in sample), path)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        result = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{connections}",
                f"-d{duration}s",
                "--latency",
                "-s",
                handle.name,
                f"http://127.0.0.1:{port}/",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(handle.name)
    line = next(x for x in result.stdout.splitlines() if x.startswith("RESULT "))
    requests, errors, micros, p50, p95, p99 = line.split()[1:]
    return {
        "requests": int(requests),
        "errors": int(errors),
        "rps": int(requests) / (int(micros) / 1e6),
        "p50": float(p50) / 1000,
        "p95": float(p95) / 1000,
        "p99": float(p99) / 1000,
    }


def run_python(port: int, path: str, slugs: list[str], duration: int, connections: int) -> dict:
    latencies: list[float] = []
    errors = [0]
    stop = time.monotonic() + duration

    def worker():
        rng = random.Random()
        # Percentiles need two latencies: a very slow machine keeps going until it has them.
        while time.monotonic() < stop or (len(latencies) < 2 and errors[0] < 10):
            target = path or f"/directory/{rng.choice(slugs)}/"
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{target}", timeout=30) as r:
                    r.read()
            except OSError:
                errors[0] += 1
                continue
            latencies.append((time.perf_counter() - started) * 1000)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "errors": errors[0],
        "rps": len(latencies) / duration,
        "p50": cuts[49],
        "p95": cuts[94],
        "p99": cuts[98],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jurisdictions", type=int, default=25_000)
    parser.add_argument("--solutions", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=2, help="concurrent connections")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    parser.add_argument("--reuse", type=Path, help="a directory kept by --keep: skip the build")
    parser.add_argument(
        "--popular",
        type=int,
        default=100,
        help="cities in the cache-friendly 'popular' mix (0: skip it)",
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes, 1 s measurements")
    args = parser.parse_args()
    if args.quick:
        args.jurisdictions, args.solutions, args.duration, args.popular = 60, 200, 1, 5
        print("quick mode: 60 invented cities, 1 s each; the figures are not measurements")

    data_dir = args.reuse or Path(tempfile.mkdtemp(prefix="citypeers-bench-directory-"))
    server = None
    try:
        if args.reuse:
            info = reuse(data_dir)
        else:
            print(
                f"Building {args.jurisdictions:,} jurisdictions and {args.solutions:,} "
                f"solutions in {data_dir} …"
            )
            info = build(data_dir, args.jurisdictions, args.solutions, quick=args.quick)
        print(
            f"  built {int(info['jurisdictions']):,} jurisdictions, "
            f"{int(info['solutions']):,} solutions in {info['seconds']} s"
        )
        port = free_port()
        server = start_server(data_dir, port, quick=args.quick)
        slowest = sorted(warm_up(port, info["slugs"]), reverse=True)[:2]
        print(f"  warm-up: slowest first requests {', '.join(f'{t:.1f} s' for t in slowest)}")
        measure = run_wrk if shutil.which("wrk") else run_python
        tool = "wrk" if measure is run_wrk else "python load loop (wrk not installed)"
        print(
            f"Load: {tool}, {args.connections} connections, {args.duration} s each; "
            "gunicorn 2 sync workers"
        )
        results = {
            "healthz": measure(port, "/healthz", info["slugs"], args.duration, args.connections),
            "profile": measure(port, "", info["slugs"], args.duration, args.connections),
        }
        if args.popular:
            popular = random.sample(info["slugs"], min(args.popular, len(info["slugs"])))
            results["popular"] = measure(port, "", popular, args.duration, args.connections)
        for name, r in results.items():
            print(
                f"  {name:<8} p50 {r['p50']:6.2f} ms  p95 {r['p95']:6.2f} ms  "
                f"p99 {r['p99']:6.2f} ms  {r['rps']:8.1f} req/s  "
                f"({r['requests']:,} requests, {r['errors']} errors)"
            )
        ratio = results["profile"]["p95"] / results["healthz"]["p95"]
        p95 = results["profile"]["p95"]
        verdict = "met" if ratio <= 10 else "NOT met"
        if args.quick:
            print(f"Profile p95 / healthz p95 = {ratio:.1f}x (quick mode: targets not judged)")
        else:
            print("Targets judged on 'profile' (random city, uncached render), not on 'popular':")
            print(f"Profile p95 / healthz p95 = {ratio:.1f}x (target <= 10x: {verdict})")
            print(
                f"Profile p95 = {p95:.1f} ms (target <= 50 ms: {'met' if p95 <= 50 else 'NOT met'})"
            )
        if "popular" in results:
            popular_ratio = results["popular"]["p95"] / results["healthz"]["p95"]
            print(
                f"For information, {args.popular} popular cities (mostly cached): "
                f"p95 {results['popular']['p95']:.1f} ms, {popular_ratio:.1f}x healthz"
            )
        parts = breakdown(data_dir, info["slugs"], quick=args.quick)
        if parts:
            print(
                "In-process breakdown of a public profile (no HTTP, one process), p50 / p95: "
                + ", ".join(
                    f"{phase} {parts[phase + '_p50']:.2f} / {parts[phase + '_p95']:.2f} ms"
                    for phase in ("version", "context", "render")
                )
            )
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=60)  # a loaded machine can take a while to stop workers
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        if args.keep or args.reuse:
            print(f"Database kept in {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
