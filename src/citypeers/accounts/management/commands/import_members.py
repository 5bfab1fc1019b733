from pathlib import Path

from citypeers.accounts.importers.members import LEFT_OUT_COLUMNS, import_members, left_out_rows
from citypeers.core.spreadsheet import csv_writer
from citypeers.directory.management.commands._base import ImportCommand


class Command(ImportCommand):
    help = (
        "Resolve a network's member list (CSV with name,state[,geoid]) to directory entries "
        "and record them as members of the organisation --network; reports ambiguities."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--network", required=True, help="slug of the network organisation")
        parser.add_argument(
            "--left-out",
            metavar="CSV",
            help="write every row left out (ambiguous, not in the directory, listed twice, "
            "missing a name or state) to this CSV, to correct and import again",
        )

    def run_import(self, options):
        report = import_members(
            path=options["file"],
            network=options["network"],
            dry_run=options["dry_run"],
            encoding=options["encoding"],
            progress_stream=self.stderr,
            progress_every=options["progress_every"],
        )
        if options["left_out"]:
            with Path(options["left_out"]).open("w", newline="", encoding="utf-8") as out:
                writer = csv_writer(out)
                writer.writerow(LEFT_OUT_COLUMNS)
                writer.writerows(left_out_rows(report))
            report.notes.append(
                f"Rows left out: {len(report.left_out):,}, all written to {options['left_out']}"
            )
        return report
