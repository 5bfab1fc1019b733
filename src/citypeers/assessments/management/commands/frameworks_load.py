"""`citypeers frameworks load FILE…`: validate and load framework versions (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from citypeers.assessments.engine.loader import FrameworkError
from citypeers.assessments.frameworks import shipped_framework_paths
from citypeers.assessments.services import load_framework_file


class Command(BaseCommand):
    help = (
        "Load framework YAML files into the database. The same content loads once; a version "
        "already used by assessments cannot change."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", metavar="FILE")
        parser.add_argument(
            "--shipped", action="store_true", help="Load the frameworks shipped with CityPeers."
        )

    def handle(self, *args, files, shipped, **options):
        paths = list(files) + ([str(p) for p in shipped_framework_paths()] if shipped else [])
        if not paths:
            raise CommandError("Name at least one FILE, or pass --shipped.")
        for path in paths:
            try:
                outcome = load_framework_file(path=path)
            except FrameworkError as exc:
                for problem in exc.problems:
                    self.stderr.write(f"  - {problem}")
                raise CommandError(f"{path} was not loaded.") from exc
            spec = outcome.version.spec
            self.stdout.write(
                f"{path}: {outcome.action} · {spec.label} · {len(spec.criteria)} criteria"
            )
