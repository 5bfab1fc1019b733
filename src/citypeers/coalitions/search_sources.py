"""Search document source for the replication ledger (see `services/indexing.py`)."""

from citypeers.coalitions.services.indexing import (
    REPLICATION,
    replication_document,
    replication_document_for,
    searchable_replications,
)
from citypeers.search.registry import register_source


def replication_documents():
    for replication in searchable_replications().iterator(chunk_size=500):
        document = replication_document(replication)
        if document is not None:
            yield document


register_source(
    REPLICATION,
    documents=replication_documents,
    document_for=replication_document_for,
    label="Replications",
)
