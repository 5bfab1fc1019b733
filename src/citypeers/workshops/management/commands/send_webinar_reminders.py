from datetime import timedelta

from django.core.management.base import BaseCommand

from citypeers.workshops.tasks import queue_due_reminders


class Command(BaseCommand):
    help = "Queue reminder emails for webinars starting within the next N hours (default 24)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24)

    def handle(self, *args, hours, **options):
        ids = queue_due_reminders(within=timedelta(hours=hours))
        self.stdout.write(f"Queued reminders for {len(ids)} webinar(s).")
