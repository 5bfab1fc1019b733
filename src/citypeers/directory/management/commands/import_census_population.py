from citypeers.directory.importers.census import import_census_population
from citypeers.directory.management.commands._base import ImportCommand


class Command(ImportCommand):
    help = (
        "Import a Census Population Estimates CSV (sub-county SUB-EST or county CO-EST): "
        "population with its year for places (SUMLEV 162/157), towns and townships (061) and "
        "counties (050); adds missing governments."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--year",
            type=int,
            help=(
                "estimate year (default: the latest POPESTIMATE<year> column, "
                "or the year in the file name)"
            ),
        )
        parser.add_argument("--source", default="", help="source label stored with each figure")

    def run_import(self, options):
        return import_census_population(
            path=options["file"],
            year=options["year"],
            source=options["source"],
            dry_run=options["dry_run"],
            encoding=options["encoding"],
            progress_stream=self.stderr,
            progress_every=options["progress_every"],
        )
