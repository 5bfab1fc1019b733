from django.core.management.base import BaseCommand

from citypeers.directory.models import Jurisdiction
from citypeers.directory.services.loading import load_shipped_directory


class Command(BaseCommand):
    help = (
        "Load or upgrade the directory shipped with CityPeers (Census local governments and "
        "ACS indicators); a second run changes nothing."
    )

    def handle(self, *args, **options):
        report = load_shipped_directory(stdout=self.stdout)
        for line in report.lines():
            self.stdout.write(line)
        total = Jurisdiction.objects.count()
        self.stdout.write(
            self.style.SUCCESS(f"The directory has {total:,} entries ({report.seconds:.1f}s).")
        )
