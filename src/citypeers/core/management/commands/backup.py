from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from citypeers.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write the database and uploaded files to one .tar.gz archive (see docs/deploy.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="archive path (default: DATA_DIR/backups/…)")

    def handle(self, *args, file=None, **options):
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        default = Path(settings.DATA_DIR) / "backups" / f"citypeers-{stamp}.tar.gz"
        path = Path(file) if file else default
        try:
            manifest = create_backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Backed up {len(manifest['tables'])} tables ({rows:,} rows) and uploads to {path}"
        )
