"""Periodic jobs of the digests app (registered with `core.schedule`)."""

from datetime import timedelta

from citypeers.core.schedule import register_periodic


def _queue_digests(now):
    # Imported when the job runs: loading the tasks pulls in the sources of every domain.
    from citypeers.digests.tasks import queue_due_digests  # noqa: PLC0415 - see above

    return queue_due_digests(now=now)


register_periodic(
    "digests",
    every=timedelta(hours=1),
    run=_queue_digests,
    description="queue each member's digest when their week, fortnight or month begins (once)",
)
