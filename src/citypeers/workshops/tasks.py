"""Background jobs (django-tasks). Tasks take ids and call a service."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from citypeers.workshops.enums import WebinarStatus
from citypeers.workshops.models import Webinar
from citypeers.workshops.services import webinars


@task()
def send_webinar_reminders(webinar_id: int) -> int:
    return webinars.send_reminders(webinar_id=webinar_id)


def queue_due_reminders(*, now=None, within: timedelta = timedelta(hours=24)) -> list[int]:
    """Queue the reminder task for every published webinar starting within `within`.

    Run it hourly (`citypeers send_webinar_reminders`); a registrant is reminded once.
    """
    now = now or timezone.now()
    ids = list(
        Webinar.objects.filter(
            status=WebinarStatus.PUBLISHED, starts_at__gt=now, starts_at__lte=now + within
        ).values_list("pk", flat=True)
    )
    for webinar_id in ids:
        send_webinar_reminders.enqueue(webinar_id)
    return ids
