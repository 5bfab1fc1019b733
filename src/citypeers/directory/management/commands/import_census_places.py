from citypeers.directory.importers.census import import_census_places
from citypeers.directory.management.commands._base import ImportCommand


class Command(ImportCommand):
    help = (
        "Import the Census national place file (pipe-delimited, e.g. national_place2020.txt): "
        "GEOID, legal type and functional status; adds missing incorporated places."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--include-cdps",
            action="store_true",
            help="also add census-designated places missing from the directory",
        )

    def run_import(self, options):
        return import_census_places(
            path=options["file"],
            dry_run=options["dry_run"],
            encoding=options["encoding"],
            include_cdps=options["include_cdps"],
            progress_stream=self.stderr,
            progress_every=options["progress_every"],
        )
