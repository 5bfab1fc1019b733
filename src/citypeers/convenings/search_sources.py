"""Search document source for convenings (every convening past its draft)."""

from citypeers.convenings.enums import ConveningState
from citypeers.convenings.indexing import CONVENING, convening_document
from citypeers.convenings.models import Convening
from citypeers.search.registry import register_source


def convening_documents():
    convenings = (
        Convening.objects.exclude(state=ConveningState.DRAFT)
        .select_related("host", "timetable")
        .order_by("pk")
    )
    for convening in convenings.iterator(chunk_size=500):
        yield convening_document(convening)


def convening_document_for(object_id: int):
    convening = Convening.objects.select_related("host", "timetable").filter(pk=object_id).first()
    return convening_document(convening) if convening else None


register_source(
    CONVENING,
    documents=convening_documents,
    document_for=convening_document_for,
    label="Convenings",
)
