"""Background jobs (django-tasks). Tasks take ids and call a service."""

from datetime import date

from django_tasks import task

from citypeers.convenings.services import commitments


@task()
def send_commitment_reminder(commitment_id: int, months: int) -> bool:
    return commitments.send_reminder(commitment_id=commitment_id, months=months)


def queue_due_reminders(*, today: date) -> list[tuple[int, int]]:
    """Queue a reminder job for every check-in due by `today`. Run it daily
    (`citypeers send_commitment_reminders`); each commitment hears once per milestone."""
    due = commitments.due_reminders(today=today)
    for commitment_id, months in due:
        send_commitment_reminder.enqueue(commitment_id, months)
    return due
