"""Digest fan-out: build and hand to the mail backend one digest per city, with 2 workers.

Builds a throwaway database (SQLite in a temporary directory; PostgreSQL with
--database-url, which must name an empty database) with N cities (--quick: 60), one member
each, coalitions of 50 cities, a challenge statement per city, and a period's news: solutions
and insights across 12 challenge areas, upcoming webinars, open help requests, replications
and assessments (some cities met criteria others lack). Then, with Django's locmem mail
backend:
  - queue:   the scheduler job (`services.queue_due_digests`), recording every delivery
  - deliver: `services.deliver_digests` for every batch of 50 recipients (one background
             task each), the batches split across --workers processes
  - rerun:   the whole fan-out again (every delivery already sent: must send nothing)
Prints digests/second (wall time), the workers' own CPU time per digest, the share sent vs
empty, and the projected time for 20,000 cities against issue 14's bar (at most 2 minutes
with 2 workers). No assertions: figures only.

    .venv/bin/python bench/digests_fanout.py [--quick] [--cities 2000] [--workers 2]
        [--database-url postgres://postgres@127.0.0.1:5432/digestbench]
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
import datetime as dt, multiprocessing, sys, time
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
settings.STORAGES = {{**settings.STORAGES, "staticfiles": {{
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}}}
call_command("migrate", verbosity=0)
from django.core import mail
from django.db import connections
from django.db.models import Count
from django.utils import timezone
from citypeers.accounts.enums import OrganisationKind
from citypeers.accounts.models import JurisdictionMembership, Membership, Organisation, User
from citypeers.assessments.engine.loader import load_file
from citypeers.assessments.enums import AssessmentStatus, ResultSharing
from citypeers.assessments.frameworks import DIRECTORY
from citypeers.assessments.models import Assessment, Response
from citypeers.assessments.services import load_framework_data
from citypeers.coalitions.models import Replication
from citypeers.core.enums import PublicationStatus
from citypeers.digests import services
from citypeers.digests.models import DigestDelivery
from citypeers.directory.models import Jurisdiction
from citypeers.helpdesk.models import HelpRequest
from citypeers.knowledge.models import ChallengeArea, ChallengeStatement, Solution
from citypeers.workshops.models import Insight, Webinar

N, WORKERS, QUICK, BAR, TARGET = {cities}, {workers}, {quick}, 120, 20_000
started = time.perf_counter()
areas = ChallengeArea.objects.bulk_create([
    ChallengeArea(slug=f"bench-area-{{i}}", name=f"Bench area {{i}}", order=i) for i in range(12)])
cities = Jurisdiction.objects.bulk_create([
    Jurisdiction(slug=f"benchtown-{{i}}-tx", name=f"Benchtown {{i}}",
                 name_normalised=f"benchtown {{i}}", state="TX", state_fips="48",
                 population=1000 + i, latitude=30 + i % 5, longitude=-100 + i % 7)
    for i in range(N)], batch_size=2000)
city_orgs = Organisation.objects.bulk_create([
    Organisation(slug=f"city-of-benchtown-{{i}}", name=f"City of Benchtown {{i}}",
                 kind=OrganisationKind.LOCAL_GOVERNMENT, jurisdiction=city)
    for i, city in enumerate(cities)], batch_size=2000)
users = User.objects.bulk_create([
    User(email=f"member{{i}}@benchtown.example", full_name=f"Member {{i}}", password="!")
    for i in range(N)], batch_size=2000)
Membership.objects.bulk_create([
    Membership(user=user, organisation=org, role="member") for user, org in zip(users, city_orgs)],
    batch_size=2000)
coalitions = Organisation.objects.bulk_create([
    Organisation(slug=f"bench-coalition-{{c}}", name=f"Bench coalition {{c}}",
                 kind=OrganisationKind.COALITION) for c in range((N + 49) // 50)])
JurisdictionMembership.objects.bulk_create([
    JurisdictionMembership(organisation=coalitions[i // 50], jurisdiction=city)
    for i, city in enumerate(cities)], batch_size=2000)
ChallengeStatement.objects.bulk_create([
    ChallengeStatement(jurisdiction=city, area=areas[i % 12], narrative="x",
                       status=PublicationStatus.PUBLISHED) for i, city in enumerate(cities)],
    batch_size=2000)
# The period's news: created now, so it is last week's news a week from now.
news = max(24, N // 100)
solutions = Solution.objects.bulk_create([
    Solution(slug=f"bench-solution-{{i}}", title=f"Bench solution {{i}}", owner=cities[i * 7 % N],
             problem="p", approach="a", status=PublicationStatus.PUBLISHED)
    for i in range(news)])
Solution.challenges.through.objects.bulk_create([
    Solution.challenges.through(solution=s, challengearea=areas[i % 12])
    for i, s in enumerate(solutions)])
Insight.objects.bulk_create([
    Insight(slug=f"bench-insight-{{i}}", title=f"Bench insight {{i}}", area=areas[i % 12],
            challenge="c", state="published", published_at=timezone.now()) for i in range(24)])
Webinar.objects.bulk_create([
    Webinar(slug=f"bench-webinar-{{i}}", title=f"Bench webinar {{i}}", description="d",
            area=areas[i % 12], starts_at=timezone.now() + dt.timedelta(days=9 + i),
            ends_at=timezone.now() + dt.timedelta(days=9 + i, hours=1), status="published")
    for i in range(6)])
HelpRequest.objects.bulk_create([
    HelpRequest(jurisdiction=cities[i * 13 % N], title=f"Bench question {{i}}", question="q",
                area=areas[i % 12], status="open") for i in range(news // 2)])
Replication.objects.bulk_create([
    Replication(solution=s, adopter=cities[(i * 7 + 1) % N], stage_changed_on=timezone.localdate())
    for i, s in enumerate(solutions[: news // 2])])
spec, data = load_file(DIRECTORY / "city-data-practices-2025.1.yaml")
version = load_framework_data(spec=spec, data=data).version
criteria = list(version.criteria.order_by("order")[:6])
assessed = cities[::10]
assessments = Assessment.objects.bulk_create([
    Assessment(jurisdiction=city, version=version, cycle=2025,
               status=AssessmentStatus.SUBMITTED if i % 5 == 0 else AssessmentStatus.DRAFT,
               submitted_at=timezone.now() if i % 5 == 0 else None,
               sharing=ResultSharing.PEERS) for i, city in enumerate(assessed)], batch_size=2000)
Response.objects.bulk_create([
    Response(assessment=a, criterion=c, met=(i % 5 == 0))
    for i, a in enumerate(assessments) for c in criteria], batch_size=2000)
with connections["default"].cursor() as cursor:
    cursor.execute("ANALYZE")  # planner statistics, as a production database has them
seeded = time.perf_counter() - started

now = timezone.now() + dt.timedelta(days=7)
batches = []
started = time.perf_counter()
queued = services.queue_due_digests(now=now, enqueue=batches.append)
queue_seconds = time.perf_counter() - started

def work(share):
    connections.close_all()
    mail.outbox = []
    cpu = time.process_time()
    for batch in batches[share::WORKERS]:
        services.deliver_digests(jobs=[tuple(job) for job in batch], now=now)
    count = len(mail.outbox)
    connections.close_all()
    return count, time.process_time() - cpu

def fan_out():
    connections.close_all()
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(WORKERS) as pool:
        results = pool.map(work, range(WORKERS))
    return sum(n for n, _ in results), time.perf_counter() - started, sum(c for _, c in results)

handed, seconds, cpu = fan_out()
again, rerun_seconds, _ = fan_out()
statuses = dict(
    DigestDelivery.objects.values("status").annotate(n=Count("pk")).values_list("status", "n"))
rate = queued / seconds
projected = TARGET / rate + queue_seconds * TARGET / max(queued, 1)
print(f"{{N}} cities, one member each, {{WORKERS}} workers, "
      f"{{connections['default'].vendor}}; seeded in {{seeded:.1f}} s")
print(f"  queue    {{queued}} deliveries recorded in {{queue_seconds:.2f}} s")
print(f"  deliver  {{seconds:.2f}} s: {{rate:.0f}} digests/s; handed to the mail backend "
      f"{{handed}}; statuses {{statuses}}")
print(f"  workers' own CPU {{cpu / max(queued, 1) * 1000:.1f}} ms per digest (the machine is "
      f"shared: compare with the wall time; the database's CPU is not in it)")
print(f"  rerun    {{rerun_seconds:.2f}} s, handed {{again}} (each delivery already final)")
verdict = ""
if not QUICK:
    verdict = "  meets the bar" if projected <= BAR else f"  OVER the {{BAR}} s bar"
print(f"  projected for {{TARGET:,}} cities: {{projected:.0f}} s{{verdict}}")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="60 cities: check that it runs")
    parser.add_argument("--cities", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default="", help="an empty PostgreSQL database")
    args = parser.parse_args()
    cities = 60 if args.quick else args.cities
    if args.quick:
        print("quick mode: 60 cities; the figures are not measurements")
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
            "CITYPEERS_DIGEST_MAX_PER_SECOND": "0",
            "OPENBLAS_NUM_THREADS": "1",
            "PYTHONPATH": f"{ROOT / 'src'}:{env.get('PYTHONPATH', '')}",
        }
    )
    env.pop("DATABASE_URL", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    code = CHILD.format(cities=cities, workers=args.workers, quick=args.quick)
    try:
        result = subprocess.run([sys.executable, "-c", code], env=env, check=False)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
