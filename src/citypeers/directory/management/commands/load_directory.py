from django.core.management.base import BaseCommand

from citypeers.directory.models import Jurisdiction
from citypeers.directory.services.loading import load_shipped_directory


class Command(BaseCommand):
    help = "Load the directory shipped with CityPeers (GeoNames places and US counties)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Also add shipped entries missing from a directory that is not empty.",
        )

    def handle(self, *args, force=False, **options):
        added = load_shipped_directory(force=force)
        total = Jurisdiction.objects.count()
        if added:
            self.stdout.write(
                self.style.SUCCESS(f"Added {added:,} entries; the directory has {total:,}.")
            )
        else:
            self.stdout.write(f"Nothing to add; the directory has {total:,} entries.")
