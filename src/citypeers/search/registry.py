"""Document sources: how each kind of searchable thing is (re)built from its owning app.

An app registers a source in its `search_sources.py` module (imported automatically when the
search app is ready). Search sits below every domain: it never imports them; they register
here. `citypeers rebuild_search_index` walks the sources; day-to-day freshness
still comes from each app's services calling `index_document`.
"""

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

KIND_LABELS = {
    "profile": "City profiles",
    "challenge": "Challenges",
    "solution": "Solutions",
    "insight": "Insights",
    "workshop": "Workshops",
    "event": "Webinars",
    "convening": "Convenings",
    "replication": "Replications",
    "qa": "Questions answered",
    "guide": "Guides",
}


@dataclass(frozen=True)
class DocumentData:
    """The searchable copy of one object, as `index_document` takes it."""

    kind: str
    object_id: int
    title: str
    body: str
    url: str
    is_public: bool = True
    state: str = ""
    jurisdiction_id: int | None = None
    is_demo: bool = False
    areas: tuple[str, ...] = ()  # challenge area slugs the document is filed under
    year: int | None = None  # the year a reader would file it under (published, held, started)
    population: int | None = None  # of its city, for the population-band facet

    def as_kwargs(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class DocumentSource:
    """How one kind of document is built by the app that owns it.

    `documents()` yields every document (for a rebuild); `document_for(object_id)` builds one,
    or returns None when the object should not be searchable (any more).
    """

    kind: str
    label: str
    documents: Callable[[], Iterable[DocumentData]]
    document_for: Callable[[int], DocumentData | None] | None = None


_SOURCES: dict[str, DocumentSource] = {}
# Words indexed with a document for its challenge areas (names, parents, synonyms), given by
# the app that owns the taxonomy; search itself knows no taxonomy.
_AREA_TERMS: list[Callable[[Iterable[str]], str]] = []


def register_area_terms(provider: Callable[[Iterable[str]], str]) -> None:
    """Register the function that turns area slugs into the words indexed with a document."""
    _AREA_TERMS[:] = [provider]


def area_terms(areas: Iterable[str]) -> str:
    areas = list(areas)
    if not areas or not _AREA_TERMS:
        return ""
    return _AREA_TERMS[0](areas)


def register_source(
    kind: str,
    *,
    documents: Callable[[], Iterable[DocumentData]],
    document_for: Callable[[int], DocumentData | None] | None = None,
    label: str = "",
) -> DocumentSource:
    """Register (or replace) the source of one kind of document."""
    source = DocumentSource(
        kind=kind,
        label=label or KIND_LABELS.get(kind, kind.title()),
        documents=documents,
        document_for=document_for,
    )
    _SOURCES[kind] = source
    return source


def unregister_source(kind: str) -> None:
    _SOURCES.pop(kind, None)


def source_of(kind: str) -> DocumentSource | None:
    return _SOURCES.get(kind)


def registered_sources() -> list[DocumentSource]:
    return list(_SOURCES.values())


def kind_label(kind: str) -> str:
    source = _SOURCES.get(kind)
    return source.label if source else KIND_LABELS.get(kind, kind.title())
