"""Setup step for profiles: every directory entry has its search document.

Runs last in `setup_site`: the directory import adds entries in bulk without indexing them one
by one, so the profile documents are rebuilt when their number no longer matches the
directory's (a first setup, or an upgrade that added entries). Other kinds are rebuilt when
they have no documents at all, and every kind when the index predates challenge areas on
documents (documents but not one area row: an installation upgraded from before the facets).
"""

from django.db.models import Count

from citypeers.directory.models import Jurisdiction
from citypeers.search.models import SearchDocument, SearchDocumentArea
from citypeers.search.registry import registered_sources
from citypeers.search.services import rebuild_index


def setup_site(stdout) -> None:
    stored = dict(
        SearchDocument.objects.values("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    before_facets = any(n for k, n in stored.items() if k != "profile") and (
        not SearchDocumentArea.objects.exists()
    )
    kinds = [s.kind for s in registered_sources() if before_facets or not stored.get(s.kind)]
    if stored.get("profile", 0) != Jurisdiction.objects.count() and "profile" not in kinds:
        kinds.append("profile")
    if kinds:
        written = rebuild_index(kinds=kinds)
        stdout.write("    search: indexed " + ", ".join(f"{n:,} {k}" for k, n in written.items()))
