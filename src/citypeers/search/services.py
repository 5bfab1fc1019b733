"""Writes for the search index. Apps call these from their own services after a change."""

from collections.abc import Iterable

from django.db import transaction

from citypeers.search.backends.base import strip_markers
from citypeers.search.models import SearchDocument, SearchDocumentArea
from citypeers.search.registry import DocumentData, area_terms, registered_sources, source_of

BATCH_SIZE = 1000


def _clean(text: str) -> str:
    # The highlight markers must only ever come from the engine (see backends.base).
    return strip_markers(text or "").replace("\x00", "")


def index_document(
    *,
    kind: str,
    object_id: int,
    title: str,
    body: str,
    url: str,
    is_public: bool,
    state: str = "",
    jurisdiction_id: int | None = None,
    is_demo: bool = False,
    areas: tuple[str, ...] | list[str] = (),
    year: int | None = None,
    population: int | None = None,
) -> SearchDocument:
    """Create or refresh the searchable copy of one object (kind + object_id is the key).

    The full-text index follows the row: triggers on SQLite, a generated column on PostgreSQL.
    `areas` are challenge area slugs: their names and synonyms are indexed with the document.
    """
    areas = sorted(set(areas))
    document, _ = SearchDocument.objects.update_or_create(
        kind=kind,
        object_id=object_id,
        defaults={
            "title": _clean(title)[:300],
            "body": _clean(body),
            "url": url[:300],
            "is_public": is_public,
            "state": state or "",
            "jurisdiction_id": jurisdiction_id,
            "is_demo": is_demo,
            "terms": _clean(area_terms(areas)),
            "year": year,
            "population": population,
        },
    )
    current = set(document.areas.values_list("area", flat=True))
    if current != set(areas):
        document.areas.all().delete()
        SearchDocumentArea.objects.bulk_create(
            SearchDocumentArea(document=document, area=area) for area in areas
        )
    return document


def remove_document(*, kind: str, object_id: int) -> None:
    SearchDocument.objects.filter(kind=kind, object_id=object_id).delete()


def _as_rows(documents: Iterable[DocumentData]) -> Iterable[tuple[tuple, SearchDocument]]:
    for doc in documents:
        yield (
            doc.areas,
            SearchDocument(
                kind=doc.kind,
                object_id=doc.object_id,
                title=_clean(doc.title)[:300],
                body=_clean(doc.body),
                url=doc.url[:300],
                is_public=doc.is_public,
                state=doc.state or "",
                jurisdiction_id=doc.jurisdiction_id,
                is_demo=doc.is_demo,
                terms=_clean(area_terms(doc.areas)),
                year=doc.year,
                population=doc.population,
            ),
        )


@transaction.atomic
def replace_documents(*, kind: str, documents: Iterable[DocumentData]) -> int:
    """Replace every document of one kind with `documents`; returns how many were written."""
    SearchDocument.objects.filter(kind=kind).delete()
    written = 0
    batch: list[tuple[tuple, SearchDocument]] = []
    for row in _as_rows(documents):
        batch.append(row)
        if len(batch) >= BATCH_SIZE:
            written += _write_batch(batch)
            batch = []
    if batch:
        written += _write_batch(batch)
    return written


def _write_batch(batch: list[tuple[tuple, SearchDocument]]) -> int:
    # bulk_create sets primary keys on both databases (RETURNING), so area rows can follow.
    created = SearchDocument.objects.bulk_create([document for _, document in batch])
    SearchDocumentArea.objects.bulk_create(
        SearchDocumentArea(document=document, area=area)
        for (areas, _), document in zip(batch, created, strict=True)
        for area in sorted(set(areas))
    )
    return len(created)


def rebuild_index(*, kinds: list[str] | None = None) -> dict[str, int]:
    """Rebuild the documents of every registered source (or only `kinds`) from their apps."""
    written = {}
    for source in registered_sources():
        if kinds and source.kind not in kinds:
            continue
        written[source.kind] = replace_documents(kind=source.kind, documents=source.documents())
    return written


def refresh_document(*, kind: str, object_id: int) -> None:
    """Re-index one object through its registered source, or drop it if it no longer qualifies.

    Lets an app refresh a document another app builds (a statement changes a city's profile
    document) without importing that app.
    """
    source = source_of(kind)
    if source is None or source.document_for is None:
        return
    document = source.document_for(object_id)
    if document is None:
        remove_document(kind=kind, object_id=object_id)
    else:
        index_document(**document.as_kwargs())
