"""Background jobs (django-tasks). Tasks take ids and call a service."""

from django_tasks import task

from citypeers.digests import services


@task()
def send_digests(jobs: list[list]) -> list[str]:
    """A batch of [user id, city id, period] digests (`services.deliver_digests`)."""
    return services.deliver_digests(jobs=[(int(u), int(c), str(p)) for u, c, p in jobs])


def queue_due_digests(*, now=None) -> int:
    """Queue `send_digests` jobs, in batches, for every person and city whose digest is due."""
    return services.queue_due_digests(now=now, enqueue=send_digests.enqueue)
