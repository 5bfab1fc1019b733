"""Where digest items come from; see `registry`. Each module below registers its sources."""

from citypeers.digests.sources import events, guides, knowledge, network  # noqa: F401 - they register
from citypeers.digests.sources.registry import (
    CandidatePool,
    Window,
    register_source,
    registered_sources,
    unregister_source,
)

__all__ = [
    "CandidatePool",
    "Window",
    "register_source",
    "registered_sources",
    "unregister_source",
]
