"""Shared shape of the `citypeers import …` commands: FILE, --dry-run, a progress bar, a report."""

from django.core.management.base import BaseCommand, CommandError

from citypeers.directory.importers.base import ImportFileError


class ImportCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("file", help="the file to import (UTF-8 unless --encoding says)")
        parser.add_argument(
            "--encoding",
            help="the file's encoding when it is not UTF-8, e.g. latin-1 or cp1252",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="do everything but save; print the report"
        )
        parser.add_argument(
            "--progress-every",
            type=int,
            default=2000,
            metavar="N",
            help="update the progress bar (on stderr) every N rows",
        )

    def run_import(self, options) -> None:
        raise NotImplementedError

    def handle(self, *args, **options):
        try:
            report = self.run_import(options)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        for line in report.lines():
            self.stdout.write(line)
        if not report.dry_run and report.changed:
            self.stdout.write(self.style.SUCCESS(f"Saved {report.changed:,} changes."))
