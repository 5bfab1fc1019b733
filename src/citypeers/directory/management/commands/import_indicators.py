from citypeers.directory.importers.indicators import import_indicators
from citypeers.directory.management.commands._base import ImportCommand


class Command(ImportCommand):
    help = (
        "Import a wide CSV of numeric indicators keyed by GEOID (e.g. an ACS table from "
        "data.census.gov). Each numeric cell is stored with its indicator, year and source."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--key", default="GEOID", help="the GEOID column (default GEOID)")
        parser.add_argument(
            "--source",
            default="",
            help="source label (default: the file name); re-importing with another updates it",
        )
        parser.add_argument(
            "--year", type=int, help="data year (default: the year in the file name)"
        )
        parser.add_argument(
            "--theme",
            default="",
            help=(
                "theme of the file's indicators, e.g. economy (default for new ones: a theme "
                "named after the file); re-importing with another theme moves them"
            ),
        )
        parser.add_argument(
            "--themes",
            metavar="FILE",
            help="CSV mapping columns to themes: column,theme[,label][,unit]",
        )

    def run_import(self, options):
        return import_indicators(
            path=options["file"],
            key=options["key"],
            source=options["source"],
            year=options["year"],
            theme=options["theme"],
            themes_file=options["themes"],
            dry_run=options["dry_run"],
            encoding=options["encoding"],
            progress_stream=self.stderr,
            progress_every=options["progress_every"],
        )
