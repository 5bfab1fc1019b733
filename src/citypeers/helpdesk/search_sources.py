"""Search document source for the help desk: published Q&As (kind "qa")."""

from citypeers.helpdesk.enums import RequestStatus
from citypeers.helpdesk.indexing import QA, qa_document, with_document_parts
from citypeers.helpdesk.models import HelpRequest
from citypeers.search.registry import register_source


def qa_documents():
    entries = with_document_parts(
        HelpRequest.objects.filter(status=RequestStatus.PUBLISHED).order_by("pk")
    )
    for entry in entries.iterator(chunk_size=500):
        document = qa_document(entry)
        if document is not None:
            yield document


def qa_document_for(object_id: int):
    entry = with_document_parts(HelpRequest.objects.filter(pk=object_id)).first()
    return qa_document(entry) if entry else None


register_source(
    QA, documents=qa_documents, document_for=qa_document_for, label="Questions answered"
)
