"""Background jobs (django-tasks). Tasks take ids and call a service."""

from django_tasks import task

from citypeers.digests import services


@task()
def send_digest(user_id: int, jurisdiction_id: int, period: str) -> str:
    return services.deliver_digest(user_id=user_id, jurisdiction_id=jurisdiction_id, period=period)


def queue_due_digests(*, now=None) -> int:
    """Queue one `send_digest` job per person and city whose digest is due."""
    return services.queue_due_digests(now=now, enqueue=send_digest.enqueue)
