"""Search document sources for workshops (past planning), published insights and published
webinars (kind "event"), so a rebuild of the index restores them all."""

from citypeers.search.registry import register_source
from citypeers.workshops.enums import InsightState, WebinarStatus, WorkshopState
from citypeers.workshops.indexing import (
    EVENT,
    INSIGHT,
    WORKSHOP,
    insight_document,
    webinar_document,
    workshop_document,
)
from citypeers.workshops.models import Insight, Webinar, Workshop


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


def insight_documents():
    insights = Insight.objects.filter(state=InsightState.PUBLISHED).select_related("area")
    for insight in insights.order_by("pk").iterator(chunk_size=500):
        yield insight_document(insight)


def insight_document_for(object_id: int):
    insight = Insight.objects.select_related("area").filter(pk=object_id).first()
    return insight_document(insight) if insight else None


def webinar_documents():
    webinars = Webinar.objects.filter(status=WebinarStatus.PUBLISHED).select_related("area")
    for webinar in webinars.order_by("pk").iterator(chunk_size=500):
        yield webinar_document(webinar)


def webinar_document_for(object_id: int):
    webinar = Webinar.objects.select_related("area").filter(pk=object_id).first()
    return webinar_document(webinar) if webinar else None


register_source(
    INSIGHT, documents=insight_documents, document_for=insight_document_for, label="Insights"
)
register_source(
    EVENT, documents=webinar_documents, document_for=webinar_document_for, label="Webinars"
)
