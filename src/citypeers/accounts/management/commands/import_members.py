from citypeers.accounts.importers.members import import_members
from citypeers.directory.management.commands._base import ImportCommand


class Command(ImportCommand):
    help = (
        "Resolve a network's member list (CSV with name,state[,geoid]) to directory entries "
        "and record them as members of the organisation --network; reports ambiguities."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--network", required=True, help="slug of the network organisation")

    def run_import(self, options):
        return import_members(
            path=options["file"],
            network=options["network"],
            dry_run=options["dry_run"],
            encoding=options["encoding"],
            progress_stream=self.stderr,
            progress_every=options["progress_every"],
        )
