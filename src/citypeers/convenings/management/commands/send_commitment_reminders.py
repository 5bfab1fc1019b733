from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from citypeers.convenings.tasks import queue_due_reminders


class Command(BaseCommand):
    help = "Queue the 3-, 6- and 12-month check-in reminders due for convening commitments."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, help="Run as of this date (ISO)."
        )

    def handle(self, *args, today, **options):
        due = queue_due_reminders(today=today or timezone.localdate())
        self.stdout.write(f"Queued {len(due)} commitment reminder(s).")
