"""`kill -9` app servers and task workers during a write load on PostgreSQL, then count.

Two gunicorn app servers and two `db_worker` workers run on a throwaway database. While a few
clients create solutions through the API (trying the other server when one refuses the
connection, as a balancer would), each round SIGKILLs one process, alternating app server and
worker, and starts it again. Meanwhile webinar reminder jobs are queued, each webinar twice
(a job run twice must not send twice). Afterwards, jobs a killed worker left half-done are
queued again (what the hourly scheduler does) and the queue is drained. Then:

- every write answered 201 must be in the database;
- no registrant may have had two reminders (a job's visible effect happens at most once);
- the queue must drain.

Reminders are claimed before they are sent, so a worker killed between a claim and its send
loses that reminder: the script reports how many (`registrants_never_reminded`) but does not fail
on them; the trade is at most once rather than at least once.

Prints the figures; exits 1 if a write was lost, a server error was answered, a reminder was
sent twice or jobs were left in the queue.

    .venv/bin/python tools/kill_check.py [--rounds 30] [--clients 4] [--keep]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and Redis on 6379; uses database
`citypeers_killcheck` and Redis db 14, both emptied first.
"""

import argparse
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from deploy_harness import BIN, ROOT, Client, Deployment, seed, solution_body, titles_in_database

PORTS = {"web-a": 8081, "web-b": 8082}
ENQUEUER = """
import django, os, sys
os.environ['DJANGO_SETTINGS_MODULE'] = 'citypeers.settings'
django.setup()
from citypeers.workshops.tasks import send_webinar_reminders
for line in sys.stdin:
    send_webinar_reminders.enqueue(int(line))
    print('queued', flush=True)
"""


class Load:
    """Clients writing solutions until told to stop; counts what was acknowledged."""

    def __init__(self, site: dict, clients: int):
        self.site, self.clients = site, clients
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.acknowledged: list[str] = []
        self.statuses: Counter = Counter()
        self.refused = 0  # connection refused: nothing was sent, tried on the other server
        self.broken = 0  # sent, then the connection died: unknown outcome, not acknowledged
        self.sequence = 0

    def run(self, index: int) -> None:
        client = Client(token=self.site["tokens"][index], timeout=20)
        ports = list(PORTS.values())
        while not self.stop.is_set():
            with self.lock:
                self.sequence += 1
                title = f"Kill load {self.sequence:06d}"
            body = solution_body(self.site["home"], self.site["area"], title)
            first = random.choice(ports)
            for port in (first, *[p for p in ports if p != first]):
                try:
                    answer = client.request(port, "POST", "/api/v1/solutions", body=body)
                except ConnectionRefusedError:
                    with self.lock:
                        self.refused += 1
                    continue
                except OSError:
                    with self.lock:
                        self.broken += 1
                    break
                with self.lock:
                    self.statuses[answer.status] += 1
                    if answer.status == 201:
                        self.acknowledged.append(title)
                break
            else:
                time.sleep(0.2)  # both servers down for a moment


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30, help="kill -9s (alternating)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent writing clients")
    parser.add_argument("--webinars", type=int, default=30, help="webinars (reminder jobs)")
    parser.add_argument("--registrants", type=int, default=20, help="registrants per webinar")
    parser.add_argument("--keep", action="store_true", help="keep the database and folder")
    options = parser.parse_args()
    deployment = Deployment("citypeers_killcheck", redis_db=14)
    started = time.monotonic()
    kills: Counter = Counter()
    figures: dict = {}
    try:
        deployment.create()
        site = seed(
            deployment,
            clients=options.clients,
            webinars=options.webinars,
            registrants=options.registrants,
        )
        for label, port in PORTS.items():
            deployment.start_web(label, port)
        for label in ("worker-1", "worker-2"):
            deployment.start_worker(label)
        enqueuer = subprocess.Popen(
            [str(BIN / "python"), "-c", ENQUEUER],
            env=deployment.env,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        # Each webinar's job is queued twice, spread over the rounds.
        jobs = [w for w in site["webinars"] for _ in range(2)]
        random.shuffle(jobs)
        print(f"up in {time.monotonic() - started:.0f}s; {options.rounds} rounds of kill -9")
        load = Load(site, options.clients)
        load_started = time.monotonic()
        with ThreadPoolExecutor(max_workers=options.clients) as pool:
            futures = [pool.submit(load.run, n) for n in range(options.clients)]
            per_round = max(1, len(jobs) // max(1, options.rounds))
            for round_number in range(options.rounds):
                for webinar_id in jobs[:per_round]:
                    enqueuer.stdin.write(f"{webinar_id}\n")
                    enqueuer.stdin.flush()
                    enqueuer.stdout.readline()
                jobs = jobs[per_round:]
                time.sleep(random.uniform(0.3, 1.2))
                if round_number % 2 == 0:
                    label = ("web-a", "web-b")[(round_number // 2) % 2]
                    deployment.kill(label)
                    kills[label] += 1
                    deployment.start_web(label, PORTS[label])
                else:
                    label = ("worker-1", "worker-2")[(round_number // 2) % 2]
                    deployment.kill(label)
                    kills[label] += 1
                    deployment.start_worker(label)
            for webinar_id in jobs:
                enqueuer.stdin.write(f"{webinar_id}\n")
                enqueuer.stdin.flush()
                enqueuer.stdout.readline()
            time.sleep(1)
            load.stop.set()
            for future in futures:
                future.result()
        load_seconds = time.monotonic() - load_started
        enqueuer.stdin.close()
        enqueuer.wait()
        # Jobs a killed worker left RUNNING are never picked up again by django-tasks-db; the
        # hourly scheduler queues the reminders again. Do that now, then drain the queue.
        requeued = deployment.django(
            "from django_tasks_db.models import DBTaskResult\n"
            "from citypeers.workshops.tasks import send_webinar_reminders\n"
            "stuck = list(DBTaskResult.objects.filter(status='RUNNING'))\n"
            "for row in stuck:\n"
            "    send_webinar_reminders.enqueue(*row.args_kwargs['args'])\n"
            "result = len(stuck)\n"
        )
        deadline = time.monotonic() + 120
        pending = -1
        while time.monotonic() < deadline:
            pending = deployment.django(
                "from django_tasks_db.models import DBTaskResult\n"
                "result = DBTaskResult.objects.filter(status='READY').count()"
            )
            if pending == 0:
                break
            time.sleep(1)
        time.sleep(2)
        tasks = deployment.django(
            "from collections import Counter\n"
            "from django_tasks_db.models import DBTaskResult\n"
            "result = dict(Counter(DBTaskResult.objects.values_list('status', flat=True)))"
        )
        stored = titles_in_database(deployment, "Kill load ")
        missing = sorted(set(load.acknowledged) - stored)
        reminders = [
            m for m in deployment.mail_messages() if m.get("Subject", "").startswith("Reminder:")
        ]
        per_person = Counter(m["To"] for m in reminders)
        expected = options.webinars * options.registrants
        twice = sorted(person for person, n in per_person.items() if n > 1)
        never = expected - len(per_person)
        figures = {
            "kills": dict(kills),
            "load_seconds": round(load_seconds, 1),
            "writes_answered": dict(sorted(load.statuses.items())),
            "acknowledged": len(load.acknowledged),
            "stored": len(stored),
            "acknowledged_missing": len(missing),
            "connections_refused_then_retried": load.refused,
            "connections_broken_unacknowledged": load.broken,
            "jobs_requeued_after_killed_workers": requeued,
            "job_states": tasks,
            "reminders_expected": expected,
            "reminder_emails": len(reminders),
            "registrants_reminded_twice": len(twice),
            "registrants_never_reminded": never,
            "pending_jobs_left": pending,
        }
    finally:
        if options.keep:
            deployment.stop_all()
            print(f"kept: database {deployment.name}, folder {deployment.data_dir}")
        else:
            deployment.drop()
    print(f"\nkill check ({time.monotonic() - started:.0f}s):")
    for name, value in figures.items():
        print(f"  {name}: {value}")
    failures = []
    if figures.get("acknowledged_missing", 1):
        failures.append("acknowledged writes missing")
    if figures.get("writes_answered", {}).get(500):
        failures.append("server errors")
    if figures.get("registrants_reminded_twice", 1):
        failures.append("reminders sent twice")
    if figures.get("pending_jobs_left", 1):
        failures.append("jobs left in the queue")
    print("FAILED: " + ", ".join(failures) if failures else "passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
