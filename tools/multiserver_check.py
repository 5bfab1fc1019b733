"""Bring up the production layout of docs/deploy.md on this machine and check it as one site.

Two gunicorn app servers (A and B, 2 workers each) on loopback ports, two `db_worker` task
workers and the scheduler, all on a throwaway PostgreSQL database and one Redis database, then:

1. sessions: sign in on A, use the session on B;
2. shared cache: the anonymous API allowance is counted in Redis, so requests spread over A and
   B are refused together once the sum reaches the limit;
3. uploads: a file attached on A downloads byte for byte through B (shared data folder);
4. peers: the peer list of a city is the same from A and from B;
5. jobs: the scheduler's reminder job runs on the two workers and each registrant gets exactly
   one reminder;
6. load with a failure: a few concurrent clients create solutions through A and B; app server
   A is SIGKILLed mid-load; every acknowledged write (201) must be in the database.

Prints a summary with figures; exits 1 if any check failed.

    .venv/bin/python tools/multiserver_check.py [--requests 300] [--clients 4] [--keep]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and Redis on 6379; uses database
`citypeers_multiserver` and Redis db 13, both emptied first.
"""

import argparse
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from deploy_harness import Client, Deployment, seed, solution_body, titles_in_database

PORT_A, PORT_B = 8071, 8072
ANONYMOUS_LIMIT = 40


def check_sessions(site: dict, results: list) -> None:
    browser = Client()
    browser.request(PORT_A, "GET", "/accounts/login/")
    signed_in = browser.request(
        PORT_A,
        "POST",
        "/accounts/login/",
        form={
            "username": site["editor_email"],
            "password": site["password"],
            "csrfmiddlewaretoken": browser.cookies.get("csrftoken", ""),
        },
    )
    me_on_b = browser.request(PORT_B, "GET", "/api/v1/me")
    ok = signed_in.status == 302 and me_on_b.status == 200
    who = me_on_b.json().get("email") if me_on_b.status == 200 else None
    results.append(
        (
            "session from A used on B",
            ok and who == site["editor_email"],
            f"sign-in {signed_in.status}, /me on B {me_on_b.status} as {who}",
        )
    )
    site["browser"] = browser


def check_shared_rate_limit(results: list) -> None:
    if time.time() % 60 > 45:  # counters are per clock minute: start in a fresh one
        time.sleep(61 - time.time() % 60)
    anonymous = Client()
    statuses = [
        anonymous.request((PORT_A, PORT_B)[n % 2], "GET", "/api/v1/challenge-areas").status
        for n in range(ANONYMOUS_LIMIT + 6)
    ]
    allowed = statuses.count(200)
    refused = statuses.count(429)
    ok = allowed == ANONYMOUS_LIMIT and refused == 6
    results.append(
        (
            "rate-limit counter shared through Redis",
            ok,
            f"{len(statuses)} anonymous requests alternating A/B: {allowed} answered 200, "
            f"{refused} answered 429 (limit {ANONYMOUS_LIMIT}/min)",
        )
    )


def check_upload(site: dict, deployment: Deployment, results: list) -> None:
    browser = site["browser"]
    created = Client(token=site["tokens"][0]).request(
        PORT_A,
        "POST",
        "/api/v1/solutions",
        body=solution_body(site["home"], site["area"], "Upload check"),
    )
    slug = created.json()["slug"]
    content = b"name,value\nriders,120\n" * 50
    browser.request(PORT_A, "GET", f"/knowledge/solutions/{slug}/attachments/new/")
    upload = browser.request(
        PORT_A,
        "POST",
        f"/knowledge/solutions/{slug}/attachments/new/",
        form={"title": "Ridership", "csrfmiddlewaretoken": browser.cookies.get("csrftoken", "")},
        files={"file": ("ridership.csv", content, "text/csv")},
    )
    ids = deployment.django(
        "from citypeers.knowledge.models import SolutionAttachment\n"
        f"result = list(SolutionAttachment.objects.filter(solution__slug={slug!r})"
        ".values_list('pk', flat=True))"
    )
    download = browser.request(PORT_B, "GET", f"/knowledge/attachments/{ids[0]}/") if ids else None
    anonymous = (
        Client().request(PORT_B, "GET", f"/knowledge/attachments/{ids[0]}/") if ids else None
    )
    ok = (
        upload.status == 302
        and download is not None
        and download.status == 200
        and download.body == content
        and anonymous is not None
        and anonymous.status in (302, 404)
    )
    results.append(
        (
            "upload on A, download through B",
            ok,
            f"upload {upload.status}; download on B {download.status if download else '-'}, "
            f"{len(download.body) if download else 0}/{len(content)} bytes identical: "
            f"{bool(download and download.body == content)}; "
            f"anonymous {anonymous.status if anonymous else '-'}",
        )
    )


def check_peers(site: dict, results: list) -> None:
    client = Client(token=site["tokens"][0])
    a = client.request(PORT_A, "GET", f"/api/v1/jurisdictions/{site['home']}/peers")
    b = client.request(PORT_B, "GET", f"/api/v1/jurisdictions/{site['home']}/peers")
    ok = a.status == b.status == 200 and a.body == b.body
    results.append(
        (
            "peer list the same on A and B",
            ok,
            f"A {a.status}, B {b.status}, identical: {a.body == b.body}",
        )
    )


def reminders(deployment: Deployment) -> list[dict]:
    return [m for m in deployment.mail_messages() if m.get("Subject", "").startswith("Reminder:")]


def check_reminders(site: dict, deployment: Deployment, results: list, expected: int) -> None:
    deadline = time.monotonic() + 60
    messages = []
    while time.monotonic() < deadline:
        messages = reminders(deployment)
        if len(messages) >= expected:
            time.sleep(3)  # a second run of the job would have sent again by now
            messages = reminders(deployment)
            break
        time.sleep(1)
    per_person = Counter(m["To"] for m in messages)
    twice = sum(1 for n in per_person.values() if n > 1)
    ok = len(per_person) == expected and twice == 0
    results.append(
        (
            "scheduler + 2 workers: one reminder per registrant",
            ok,
            f"{len(messages)} reminder emails to {len(per_person)} of {expected} registrants; "
            f"sent twice: {twice}",
        )
    )


def load_with_a_kill(
    site: dict, deployment: Deployment, results: list, total: int, clients: int
) -> None:
    acknowledged, failed, statuses = [], Counter(), Counter()
    lock = threading.Lock()
    started = time.monotonic()
    counter = iter(range(total))
    a_alive = threading.Event()
    a_alive.set()
    kill_after = total // 2

    def worker(index: int) -> None:
        client = Client(token=site["tokens"][index], timeout=15)
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            if n == kill_after and a_alive.is_set():
                a_alive.clear()
                deployment.kill("web-a")
            port = PORT_A if (n % 2 == 0 and a_alive.is_set()) else PORT_B
            if n % 2 == 0 and not a_alive.is_set():
                port = PORT_A  # the balancer has not noticed yet: these fail
            title = f"Load {n:05d}"
            try:
                answer = client.request(
                    port,
                    "POST",
                    "/api/v1/solutions",
                    body=solution_body(site["home"], site["area"], title),
                )
                with lock:
                    statuses[answer.status] += 1
                    if answer.status == 201:
                        acknowledged.append(title)
            except OSError as error:
                with lock:
                    failed[type(error).__name__] += 1

    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(worker, range(clients)))
    elapsed = time.monotonic() - started
    stored = titles_in_database(deployment, "Load ")
    missing = sorted(set(acknowledged) - stored)
    ok = not missing and statuses.get(500, 0) == 0 and len(acknowledged) > 0
    results.append(
        (
            "load with app server A SIGKILLed mid-way: no acknowledged write lost",
            ok,
            f"{total} writes by {clients} clients in {elapsed:.1f}s ({total / elapsed:.0f}/s); "
            f"answers {dict(sorted(statuses.items()))}, connection failures {dict(failed)}; "
            f"acknowledged {len(acknowledged)}, stored {len(stored)}, "
            f"acknowledged but missing {len(missing)}",
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=300, help="writes in the load run")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--registrants", type=int, default=20, help="webinar registrants to remind")
    parser.add_argument("--keep", action="store_true", help="keep the database and folder")
    options = parser.parse_args()
    deployment = Deployment(
        "citypeers_multiserver", redis_db=13, api_rates=(f"{ANONYMOUS_LIMIT}/min", "100000/min")
    )
    results: list[tuple[str, bool, str]] = []
    started = time.monotonic()
    try:
        deployment.create()
        site = seed(
            deployment, clients=options.clients, webinars=1, registrants=options.registrants
        )
        deployment.start_web("web-a", PORT_A)
        deployment.start_web("web-b", PORT_B)
        deployment.start_worker("worker-1")
        deployment.start_worker("worker-2")
        deployment.start_scheduler()
        print(
            f"up in {time.monotonic() - started:.0f}s: 2 app servers, 2 workers, scheduler; "
            f"data in {deployment.data_dir}"
        )
        check_sessions(site, results)
        check_shared_rate_limit(results)
        check_upload(site, deployment, results)
        check_peers(site, results)
        check_reminders(site, deployment, results, options.registrants)
        results.append(
            (
                "Redis holds the shared cache",
                deployment.redis_keys() > 0,
                f"{deployment.redis_keys()} keys in {deployment.redis_url}",
            )
        )
        load_with_a_kill(site, deployment, results, options.requests, options.clients)
    finally:
        if options.keep:
            deployment.stop_all()
            print(f"kept: database {deployment.name}, folder {deployment.data_dir}")
        else:
            deployment.drop()
    failed = [name for name, ok, _ in results if not ok]
    print(f"\nmultiserver check ({time.monotonic() - started:.0f}s):")
    for name, ok, figures in results:
        print(f"  [{'ok' if ok else 'FAIL'}] {name}: {figures}")
    print(f"{len(results) - len(failed)} of {len(results)} checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
