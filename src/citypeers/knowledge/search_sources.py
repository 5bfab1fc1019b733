"""Search document sources for knowledge (published challenge statements and solutions), and
the words search indexes with any document for the challenge areas it is filed under."""

from collections.abc import Iterable

from citypeers.core.enums import PublicationStatus
from citypeers.knowledge.models import ChallengeArea, ChallengeStatement, Solution
from citypeers.knowledge.services.indexing import (
    CHALLENGE,
    SOLUTION,
    solution_document,
    statement_document,
)
from citypeers.knowledge.taxonomy import SYNONYMS
from citypeers.search.registry import register_area_terms, register_source

# slug -> (name, parent slug, parent name); the taxonomy is small and rarely changes, so it is
# read once per process and again only when a slug is not in it.
_AREAS: dict[str, tuple[str, str, str]] = {}


def _load_areas() -> None:
    rows = ChallengeArea.objects.values_list("slug", "name", "parent__slug", "parent__name")
    _AREAS.clear()
    _AREAS.update({slug: (name, p_slug or "", p_name or "") for slug, name, p_slug, p_name in rows})


def area_search_terms(slugs: Iterable[str]) -> str:
    """Each area's name, its parent's name and the everyday words for its top-level area."""
    slugs = list(slugs)
    if any(slug not in _AREAS for slug in slugs):
        _load_areas()
    words: list[str] = []
    for slug in slugs:
        if slug not in _AREAS:
            continue
        name, parent_slug, parent_name = _AREAS[slug]
        top = parent_slug or slug
        words += [name, parent_name, *SYNONYMS.get(top, [])]
    return "\n".join(dict.fromkeys(w for w in words if w))


def statement_documents():
    statements = (
        ChallengeStatement.objects.filter(status=PublicationStatus.PUBLISHED)
        .select_related("jurisdiction", "area", "area__parent")
        .order_by("pk")
    )
    for statement in statements.iterator(chunk_size=1000):
        yield statement_document(statement)


def solution_documents():
    solutions = (
        Solution.objects.filter(status=PublicationStatus.PUBLISHED)
        .select_related("owner")
        .prefetch_related("challenges", "partners", "outcomes")
        .order_by("pk")
    )
    for solution in solutions.iterator(chunk_size=1000):
        yield solution_document(solution)


register_source(CHALLENGE, documents=statement_documents)
register_source(SOLUTION, documents=solution_documents)
register_area_terms(area_search_terms)
