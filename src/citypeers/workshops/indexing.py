"""The searchable copy of a workshop: listed for network members once it recruits, and for
everyone once its report is published (as `can_view_workshop` says)."""

from citypeers.search.registry import DocumentData
from citypeers.search.services import index_document, remove_document
from citypeers.workshops.enums import InsightAudience, InsightState, WebinarStatus, WorkshopState
from citypeers.workshops.models import Insight, Webinar, Workshop

WORKSHOP = "workshop"
INSIGHT = "insight"
EVENT = "event"  # a webinar


def workshop_document(workshop: Workshop) -> DocumentData | None:
    if workshop.state == WorkshopState.PLANNING:
        return None
    return DocumentData(
        kind=WORKSHOP,
        object_id=workshop.pk,
        title=workshop.title,
        body=(
            f"{workshop.get_format_display()} workshop, {workshop.starts_on:%-d %B %Y} to "
            f"{workshop.ends_on:%-d %B %Y}. {workshop.purpose}"
        ),
        url=workshop.get_absolute_url(),
        is_public=workshop.state == WorkshopState.PUBLISHED,
        is_demo=workshop.is_demo,
        areas=(workshop.area.slug,),
        year=workshop.starts_on.year,
    )


def refresh_workshop(workshop: Workshop) -> None:
    document = workshop_document(workshop)
    if document is None:
        remove_document(kind=WORKSHOP, object_id=workshop.pk)
    else:
        index_document(**document.as_kwargs())


def insight_document(insight: Insight) -> DocumentData | None:
    """A published insight: public or for network members, as its audience says."""
    if insight.state != InsightState.PUBLISHED:
        return None
    body = "\n".join([insight.challenge, *insight.steps, insight.preconditions, *insight.tags])
    return DocumentData(
        kind=INSIGHT,
        object_id=insight.pk,
        title=insight.title,
        body=body,
        url=insight.get_absolute_url(),
        is_public=insight.audience == InsightAudience.PUBLIC,
        is_demo=insight.is_demo,
        areas=(insight.area.slug,) if insight.area_id else (),
        year=insight.updated_at.year if insight.updated_at else None,
    )


def webinar_document(webinar: Webinar) -> DocumentData | None:
    if webinar.status != WebinarStatus.PUBLISHED:
        return None
    return DocumentData(
        kind=EVENT,
        object_id=webinar.pk,
        title=webinar.title,
        body=webinar.description,
        url=webinar.get_absolute_url(),
        is_public=True,
        is_demo=webinar.is_demo,
        areas=(webinar.area.slug,) if webinar.area is not None else (),
        year=webinar.starts_at.year if webinar.starts_at else None,
    )


def refresh(kind: str, document: DocumentData | None, object_id: int) -> None:
    if document is None:
        remove_document(kind=kind, object_id=object_id)
    else:
        index_document(**document.as_kwargs())
