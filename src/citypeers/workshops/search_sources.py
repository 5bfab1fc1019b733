"""Search document source for workshops (every workshop past planning)."""

from citypeers.search.registry import register_source
from citypeers.workshops.enums import WorkshopState
from citypeers.workshops.indexing import WORKSHOP, workshop_document
from citypeers.workshops.models import Workshop


def workshop_documents():
    workshops = (
        Workshop.objects.exclude(state=WorkshopState.PLANNING).select_related("area").order_by("pk")
    )
    for workshop in workshops.iterator(chunk_size=500):
        yield workshop_document(workshop)


def workshop_document_for(object_id: int):
    workshop = Workshop.objects.select_related("area").filter(pk=object_id).first()
    return workshop_document(workshop) if workshop else None


register_source(WORKSHOP, documents=workshop_documents, document_for=workshop_document_for)
