"""Regional dashboard under repeated requests, against /healthz in the same run.

Builds a throwaway SQLite database (temporary directory, production-style settings) with a
partnership of 7 coalitions of 100 member governments (--quick: 2 of 20), a published challenge
statement and solution per government and a public replication for every other government,
then renders in one process through the full middleware stack with Django's test client:
  - baseline:    GET /healthz
  - coalition:   GET /coalitions/c/<slug>/dashboard/   (100 members)
  - partnership: GET /coalitions/partnerships/<slug>/dashboard/ (700 members)
  - csv:         the coalition dashboard as CSV
Each dashboard is measured twice. "cold" empties Django's cache before every request, so each
one computes the figures and renders them: what the first visitor after a change sees. "warm"
repeats the request over unchanged data, so the cached block is reused: what every other visit
sees. Both go through the version query that keys the cache.
The cases take turns, one request each per round (warm cases first, then cold ones, /healthz
in both), so that other work on the machine weighs on all of them alike. Prints p50/p95 per
case and the ratios of p95 and p50 to /healthz's, and in full mode whether each case meets
issue 12's bar (p95 at most 10x the healthz p95). No assertions: figures only.

    .venv/bin/python bench/coalitions_dashboard.py [--quick] [--requests 200]
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import random, statistics, sys, time
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
# Plain static storage: collecting and compressing every asset would take minutes and static
# URLs are not what this measures.
settings.STORAGES = {{**settings.STORAGES, "staticfiles": {{
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}}}
call_command("migrate", verbosity=0)
from django.test import Client
from citypeers.accounts.enums import OrganisationKind
from citypeers.accounts.models import JurisdictionMembership, Organisation
from citypeers.coalitions.models import Partnership, Replication
from citypeers.core.enums import PublicationStatus
from citypeers.directory.models import Jurisdiction
from citypeers.knowledge.models import ChallengeArea, ChallengeStatement, Solution
import datetime as dt

COALITIONS, MEMBERS, REQUESTS, QUICK = {coalitions}, {members}, {requests}, {quick}
BAR = 10
areas = ChallengeArea.objects.bulk_create([
    ChallengeArea(slug=f"bench-area-{{i}}", name=f"Bench area {{i}}", order=i) for i in range(12)])
cities = Jurisdiction.objects.bulk_create([
    Jurisdiction(slug=f"benchtown-{{i}}-tx", name=f"Benchtown {{i}}",
                 name_normalised=f"benchtown {{i}}", state="TX", state_fips="48",
                 population=1000 + i, latitude=30 + i % 5, longitude=-100 + i % 7)
    for i in range(COALITIONS * MEMBERS)])
orgs = Organisation.objects.bulk_create([
    Organisation(slug=f"bench-coalition-{{c}}", name=f"Bench coalition {{c}}",
                 kind=OrganisationKind.COALITION) for c in range(COALITIONS)])
JurisdictionMembership.objects.bulk_create([
    JurisdictionMembership(organisation=orgs[i // MEMBERS], jurisdiction=city)
    for i, city in enumerate(cities)])
ChallengeStatement.objects.bulk_create([
    ChallengeStatement(jurisdiction=city, area=areas[i % len(areas)], narrative="x",
                       status=PublicationStatus.PUBLISHED) for i, city in enumerate(cities)])
solutions = Solution.objects.bulk_create([
    Solution(slug=f"bench-solution-{{i}}", title=f"Bench solution {{i}}", owner=city,
             problem="p", approach="a", status=PublicationStatus.PUBLISHED)
    for i, city in enumerate(cities)])
Replication.objects.bulk_create([
    Replication(solution=solutions[i], adopter=cities[(i + 1) % len(cities)],
                stage_changed_on=dt.date(2026, 1, 1), visibility="public")
    for i in range(0, len(cities), 2)])
p = Partnership.objects.create(slug="bench-partnership", name="Bench partnership")
p.coalitions.set(orgs)

from django.core.cache import cache
client = Client()
cases = [("healthz", "/healthz", False)]
for name, path in [("coalition", "/coalitions/c/bench-coalition-0/dashboard/"),
                   ("partnership", "/coalitions/partnerships/bench-partnership/dashboard/"),
                   ("csv", "/coalitions/c/bench-coalition-0/dashboard/?format=csv")]:
    cases += [(f"{{name}} cold", path, True), (f"{{name}} warm", path, False)]
# Two phases of rounds, one request per case each round, so that other work on the machine
# weighs on every case alike rather than on whichever ran while it did: first the warm cases
# (repeat visits over unchanged data), then the cold ones (the cache emptied before each
# request). /healthz takes part in both. Kept apart so that a warm request never pays for the
# garbage of the recomputation a cold one just made.
samples = {{name: [] for name, _, _ in cases}}
healthz = cases[0]
for phase in (False, True):
    group = [healthz] + [case for case in cases[1:] if case[2] == phase]
    for name, path, cold in group:
        client.get(path)
    for _ in range(REQUESTS):
        for name, path, cold in group:
            if cold:
                cache.clear()
            started = time.perf_counter()
            response = client.get(path)
            samples[name].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
results = {{}}
for name, values in samples.items():
    values.sort()
    results[name] = (statistics.median(values), values[int(0.95 * (len(values) - 1))])
base, base50 = results["healthz"][1], results["healthz"][0]
print(f"{{COALITIONS}} coalitions x {{MEMBERS}} members ({{Jurisdiction.objects.count()}} "
      f"governments, {{Replication.objects.count()}} replications), {{REQUESTS}} requests per case")
for name, (p50, p95) in results.items():
    verdict = ""
    if not QUICK and name != "healthz":
        verdict = "  meets the bar" if p95 / base <= BAR else f"  OVER the {{BAR}}x bar"
    print(f"  {{name:17s}} p50 {{p50:7.2f}} ms  p95 {{p95:7.2f}} ms  "
          f"p95/healthz {{p95 / base:6.1f}}  p50/healthz {{p50 / base50:6.1f}}{{verdict}}")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 coalitions x 20, 20 requests")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    coalitions, members, requests = (2, 20, 20) if args.quick else (7, 100, args.requests)
    if args.quick:
        print("quick mode: 2 coalitions of 20, 20 requests; the figures are not measurements")
    data_dir = Path(tempfile.mkdtemp(prefix="citypeers-bench-"))
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "citypeers.settings",
            "CITYPEERS_DEBUG": "0",
            "CITYPEERS_SECRET_KEY": "bench-" + "x" * 50,
            "CITYPEERS_SSL_REDIRECT": "0",
            "CITYPEERS_ALLOWED_HOSTS": "testserver,127.0.0.1",
            "CITYPEERS_DATA_DIR": str(data_dir),
            "PYTHONPATH": f"{ROOT / 'src'}:{env.get('PYTHONPATH', '')}",
        }
    )
    env.pop("DATABASE_URL", None)
    code = CHILD.format(coalitions=coalitions, members=members, requests=requests, quick=args.quick)
    try:
        result = subprocess.run([sys.executable, "-c", code], env=env, check=False)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
