"""What every full-text backend returns, and how highlighted snippets are made safe."""

from dataclasses import dataclass, field
from typing import Protocol

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from citypeers.search.query import ParsedQuery

# Private-use code points mark where a match starts and ends. Indexed text never contains them
# (index_document strips them), so after escaping they can only come from the engine.
MARK_START = "\ue000"
MARK_END = "\ue001"


def strip_markers(text: str) -> str:
    return text.replace(MARK_START, "").replace(MARK_END, "")


def highlight_html(raw: str | None) -> SafeString:
    """Escape engine output, then turn the match markers into <mark> tags."""
    html = escape(raw or "")
    return mark_safe(html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


@dataclass(frozen=True)
class SearchHit:
    id: int
    kind: str
    object_id: int
    title: str
    url: str
    state: str
    jurisdiction_id: int | None
    is_public: bool
    rank: float
    title_html: SafeString
    snippet_html: SafeString
    is_demo: bool = False


@dataclass(frozen=True)
class SearchResults:
    hits: list[SearchHit]
    total: int  # matches among the requested kinds
    counts: dict[str, int] = field(default_factory=dict)  # matches per kind, all kinds


class SearchBackend(Protocol):
    """One engine. `query` is already parsed and non-empty; visibility is decided by the caller."""

    def counts(self, query: ParsedQuery, *, include_private: bool) -> dict[str, int]: ...

    def hits(
        self,
        query: ParsedQuery,
        *,
        kinds: list[str] | None,
        include_private: bool,
        limit: int,
        offset: int,
    ) -> list[SearchHit]: ...

    def object_ids_sql(self, query: ParsedQuery, *, kind: str) -> tuple[str, list]:
        """SQL selecting the object ids of one kind that match, for `pk__in=RawSQL(...)`."""
        ...

    def rank_sql(self, query: ParsedQuery, *, kind: str, outer_pk: str) -> tuple[str, list]:
        """A correlated SQL expression: the relevance of the row `outer_pk` (higher is better)."""
        ...
