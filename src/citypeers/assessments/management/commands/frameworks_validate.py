"""`citypeers frameworks validate FILE…`: check framework YAML files without loading them."""

from django.core.management.base import BaseCommand, CommandError

from citypeers.assessments.engine.loader import FrameworkError
from citypeers.assessments.services import validate_framework_file


class Command(BaseCommand):
    help = "Check one or more framework YAML files; print every problem found."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")

    def handle(self, *args, files, **options):
        failed = 0
        for path in files:
            try:
                spec = validate_framework_file(path=path)
            except FrameworkError as exc:
                failed += 1
                self.stderr.write(f"{path}: {len(exc.problems)} problem(s)")
                for problem in exc.problems:
                    self.stderr.write(f"  - {problem}")
                continue
            self.stdout.write(
                f"{path}: OK · {spec.label} · {len(spec.areas)} areas, "
                f"{len(spec.criteria)} criteria · {spec.levels.describe()}"
            )
        if failed:
            raise CommandError(f"{failed} of {len(files)} file(s) are not valid.")
