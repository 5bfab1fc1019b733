"""Periodic jobs: what runs on a clock (reminders, digests), decided in one place.

An app registers its periodic jobs in `<app>/schedules.py`, imported the first time the jobs
are asked for (so starting a web server or `citypeers --help` never loads them). A job's
`run(now)` must only enqueue background tasks (`django_tasks`) and be idempotent: the tasks
record what they sent, so a job run twice never sends twice. One `citypeers scheduler` process
runs the due jobs; `due_jobs` is the pure rule it follows.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: timedelta
    run: Callable[[datetime], object]
    description: str = ""


_JOBS: dict[str, PeriodicJob] = {}


def register_periodic(
    name: str, *, every: timedelta, run: Callable[[datetime], object], description: str = ""
) -> PeriodicJob:
    if every <= timedelta(0):
        raise ValueError(f"Periodic job {name!r}: `every` must be positive.")
    job = PeriodicJob(name=name, every=every, run=run, description=description)
    _JOBS[name] = job
    return job


def unregister_periodic(name: str) -> None:
    _JOBS.pop(name, None)


_discovered = False


def periodic_jobs() -> list[PeriodicJob]:
    global _discovered
    if not _discovered:
        from django.utils.module_loading import autodiscover_modules  # noqa: PLC0415 - needs apps ready

        autodiscover_modules("schedules")
        _discovered = True
    return sorted(_JOBS.values(), key=lambda job: job.name)


def due_jobs(
    jobs: list[PeriodicJob], last_runs: Mapping[str, datetime], now: datetime
) -> list[PeriodicJob]:
    """The jobs whose interval has passed since their last run (never run: due at once)."""
    return [
        job for job in jobs if job.name not in last_runs or now - last_runs[job.name] >= job.every
    ]
