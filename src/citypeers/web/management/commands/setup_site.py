"""Bring a database up to a usable site: directory, taxonomy, demo content, demo accounts.

Each domain app may provide `citypeers/<app>/setup.py` with an idempotent
`setup_site(stdout)`; they run in dependency order. Running it again keeps existing data.
"""

import importlib
import time

from django.core.management.base import BaseCommand

SETUP_ORDER = [
    "directory",
    "knowledge",
    "accounts",
    "matching",
    "assessments",
    "workshops",
    "convenings",
    "coalitions",
    "helpdesk",
    "guides",
    "digests",
    "profiles",  # last: indexes every directory entry for search
]


class Command(BaseCommand):
    help = "Load the directory, the challenge taxonomy, demo content and demo accounts."

    def handle(self, *args, **options):
        for app in SETUP_ORDER:
            try:
                module = importlib.import_module(f"citypeers.{app}.setup")
            except ModuleNotFoundError as exc:
                if exc.name == f"citypeers.{app}.setup":
                    continue
                raise
            started = time.monotonic()
            module.setup_site(self.stdout)
            self.stdout.write(f"  {app}: ready in {time.monotonic() - started:.1f}s")
        self.stdout.write(self.style.SUCCESS("CityPeers is set up."))
