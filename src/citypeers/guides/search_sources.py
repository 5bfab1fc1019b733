"""Search document source for guides: the latest published edition of each guide."""

from citypeers.guides.indexing import GUIDE, guide_document, with_document_parts
from citypeers.guides.models import Guide
from citypeers.search.registry import register_source


def guide_documents():
    guides = with_document_parts(Guide.objects.filter(current_edition__isnull=False).order_by("pk"))
    for guide in guides.iterator(chunk_size=200):
        document = guide_document(guide)
        if document is not None:
            yield document


def guide_document_for(object_id: int):
    guide = with_document_parts(Guide.objects.filter(pk=object_id)).first()
    return guide_document(guide) if guide else None


register_source(GUIDE, documents=guide_documents, document_for=guide_document_for, label="Guides")
