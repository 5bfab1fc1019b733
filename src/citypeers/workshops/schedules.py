"""Periodic jobs of the workshops app (registered with `core.schedule`)."""

from datetime import timedelta

from citypeers.core.schedule import register_periodic
from citypeers.workshops.tasks import queue_due_reminders

register_periodic(
    "webinar-reminders",
    every=timedelta(hours=1),
    run=lambda now: queue_due_reminders(now=now),
    description="remind registrants of webinars starting within 24 hours (once each)",
)
