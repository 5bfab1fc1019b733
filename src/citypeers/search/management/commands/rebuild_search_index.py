"""`citypeers rebuild_search_index [--kind KIND ...]`: rebuild search documents from their apps."""

from django.core.management.base import BaseCommand, CommandError

from citypeers.search.registry import registered_sources
from citypeers.search.services import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the full-text search documents from every registered source."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
            dest="kinds",
            default=None,
            help="Only this kind (repeatable), e.g. --kind solution --kind challenge",
        )

    def handle(self, *args, kinds=None, **options):
        known = {s.kind for s in registered_sources()}
        unknown = sorted(set(kinds or []) - known)
        if unknown:
            raise CommandError(
                f"Unknown kind(s): {', '.join(unknown)}. Registered: {', '.join(sorted(known))}"
            )
        written = rebuild_index(kinds=kinds)
        for kind, count in written.items():
            self.stdout.write(f"  {kind}: {count} documents")
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt ({sum(written.values())})."))
