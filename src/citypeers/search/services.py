"""Writes for the search index. Apps call these from their own services after a change."""

from citypeers.search.models import SearchDocument


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
) -> SearchDocument:
    """Create or refresh the searchable copy of one object (kind + object_id is the key)."""
    document, _ = SearchDocument.objects.update_or_create(
        kind=kind,
        object_id=object_id,
        defaults={
            "title": title[:300],
            "body": body,
            "url": url,
            "is_public": is_public,
            "state": state,
            "jurisdiction_id": jurisdiction_id,
        },
    )
    return document


def remove_document(*, kind: str, object_id: int) -> None:
    SearchDocument.objects.filter(kind=kind, object_id=object_id).delete()
