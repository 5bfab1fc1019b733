"""Site search reads that depend on who is asking (search itself only takes visibility)."""

import re
from dataclasses import dataclass

from citypeers.accounts.permissions import is_network_member
from citypeers.search.backends import SearchResults, search
from citypeers.search.registry import KIND_LABELS, kind_label

KIND_RE = re.compile(r"^[a-z][a-z0-9_-]{0,19}$")
GROUP_SIZE = 5


def clean_kinds(raw: str | list[str] | None) -> list[str]:
    """`"solution,guide"` or a list → valid kind names (unknown-looking values are dropped)."""
    values = raw if isinstance(raw, list) else (raw or "").split(",")
    return [v for v in (x.strip().lower() for x in values) if KIND_RE.match(v)]


@dataclass(frozen=True)
class Group:
    kind: str
    label: str
    count: int
    results: SearchResults


def sees_private_documents(user) -> bool:
    """Private documents (network-only content) are for signed-in network members."""
    return bool(is_network_member(user))


def grouped_search(query: str, *, user) -> tuple[dict[str, int], list[Group]]:
    """The best few hits of every kind that matched, in a stable kind order."""
    include_private = sees_private_documents(user)
    overview = search(query, include_private=include_private, limit=0)
    order = list(KIND_LABELS) + sorted(set(overview.counts) - set(KIND_LABELS))
    groups = []
    for kind in order:
        count = overview.counts.get(kind, 0)
        if count:
            results = search(
                query,
                kinds=[kind],
                include_private=include_private,
                limit=GROUP_SIZE,
                counts=overview.counts,
            )
            groups.append(Group(kind=kind, label=kind_label(kind), count=count, results=results))
    return overview.counts, groups
