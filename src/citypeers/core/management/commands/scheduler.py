"""`citypeers scheduler`: the one process that runs periodic jobs (reminders, digests).

Production runs exactly one (docs/deploy.md); the jobs only enqueue background tasks, which
the `citypeers db_worker` processes run.
"""

import time

from django.core.management.base import BaseCommand

from citypeers.core.schedule import periodic_jobs
from citypeers.core.services import run_due_jobs


class Command(BaseCommand):
    help = "Run due periodic jobs (webinar reminders, …) every --interval seconds, or --once."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run what is due, then exit")
        parser.add_argument("--interval", type=int, default=60, help="seconds between checks")
        parser.add_argument("--list", action="store_true", help="list the periodic jobs")

    def handle(self, *args, once: bool, interval: int, list: bool, **options):
        if list:
            for job in periodic_jobs():
                self.stdout.write(f"{job.name}: every {job.every} — {job.description}")
            return
        while True:
            ran = run_due_jobs()
            if ran:
                self.stdout.write(f"ran: {', '.join(ran)}")
            if once:
                return
            time.sleep(max(1, interval))
