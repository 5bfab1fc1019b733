from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from citypeers.core.backup import BackupError, read_manifest, restore_backup, table_counts


class Command(BaseCommand):
    help = "Restore a `citypeers backup` archive: replaces the database and puts uploads back."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, file, yes, **options):
        path = Path(file)
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        try:
            manifest = read_manifest(path)
        except (BackupError, OSError, ValueError) as error:
            raise CommandError(f"Not a readable CityPeers backup: {error}") from error
        if not yes:
            question = f"Replace this site's database with the backup of {manifest['created_at']}?"
            answer = input(f"{question} [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("Nothing restored.")
        try:
            restore_backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        now = table_counts()
        differing = {
            table: (count, now.get(table))
            for table, count in manifest["tables"].items()
            if now.get(table) != count
        }
        if differing:
            raise CommandError(f"Restored, but row counts differ: {differing}")
        self.stdout.write(f"Restored {len(manifest['tables'])} tables and uploads from {path}")
