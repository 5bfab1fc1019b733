"""Document sources the search app owns itself (read-only views of other apps' data)."""

from citypeers.search.registry import register_source
from citypeers.search.sources import PROFILE, profile_documents

register_source(PROFILE, documents=profile_documents)
