"""Periodic jobs of the convenings app (registered with `core.schedule`)."""

from datetime import timedelta

from django.utils import timezone

from citypeers.core.schedule import register_periodic


def _queue_commitment_reminders(now):
    # Imported when the job runs: loading the tasks pulls in the convenings services.
    from citypeers.convenings.tasks import queue_due_reminders  # noqa: PLC0415 - see above

    return queue_due_reminders(today=timezone.localdate(now))


register_periodic(
    "commitment-reminders",
    every=timedelta(hours=6),
    run=_queue_commitment_reminders,
    description="3-, 6- and 12-month check-ins on convening commitments (once each)",
)
